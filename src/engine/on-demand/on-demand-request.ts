import { z } from 'zod';
import { BadRequestError } from '../../errors/graph-error.js';

const subjectReference = z.object({ objectId: z.string().min(1), objectTypeName: z.string().min(1) });

const requestSchema = z.object({
  parameters: z
    .array(
      z.object({
        ruleId: z.string().min(1, 'ruleId is required'),
        subjects: z
          .array(
            subjectReference.extend({
              links: z.object({ members: z.array(subjectReference).nullable().optional() }).passthrough().nullable().optional(),
            }),
          )
          .min(1, 'one subject is required'),
      }),
    )
    .min(1, 'one parameter is required'),
});

/** One provisionOnDemand call: a user, or a group with up to five of its members (engine-behavior §1.14). */
export interface OnDemandRequest {
  readonly ruleId: string;
  readonly objectId: string;
  /** `User` or `Group`, in the spelling of the schema's source object names. */
  readonly objectTypeName: string;
  readonly members: readonly { readonly objectId: string; readonly objectTypeName: string }[];
}

export const maxOnDemandMembers = 5;

/** `synchronizationJobApplicationParameters` as Graph documents it (graph-sync-api §3.5). */
export function parseOnDemandRequest(body: unknown): OnDemandRequest {
  const result = requestSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new BadRequestError(`Invalid provisionOnDemand request: ${where}${issue?.message ?? 'unexpected shape'}.`);
  }
  const { parameters } = result.data;
  const [parameter] = parameters;
  if (parameters.length > 1 || parameter!.subjects.length > 1) {
    throw new BadRequestError('provisionOnDemand provisions one user, or one group with up to 5 members, per request.');
  }
  const subject = parameter!.subjects[0]!;
  const members = subject.links?.members ?? [];
  if (members.length > maxOnDemandMembers) {
    throw new BadRequestError(`A group is provisioned on demand with at most ${maxOnDemandMembers} members; ${members.length} were given.`);
  }
  if (members.length > 0 && subject.objectTypeName.toLowerCase() !== 'group') {
    throw new BadRequestError('Only a group subject can name members.');
  }
  return Object.freeze({ ruleId: parameter!.ruleId, objectId: subject.objectId, objectTypeName: subject.objectTypeName, members: Object.freeze(members) });
}
