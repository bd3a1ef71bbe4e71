/**
 * Iterates `source` one item ahead: the next item is requested as soon as the current one is handed out, so
 * that a paged search's next page is on its way while the caller works on this one (the directory and the
 * caller take turns otherwise). Stopping early — a break, a throw — closes the source without waiting for the
 * request in flight, whose outcome no longer matters.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  // A request failing while the caller still works on the item before is reported when the caller asks for
  // it (or not at all if it stops first), never as an unhandled rejection.
  const request = () => {
    const next = iterator.next();
    next.catch(() => undefined);
    return next;
  };
  let pending = request();
  let finished = false;
  try {
    for (;;) {
      const result = await pending;
      if (result.done === true) {
        finished = true;
        return;
      }
      pending = request();
      yield result.value;
    }
  } finally {
    if (!finished) Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
