import { describe, expect, it } from 'vitest';
import { md4 } from './md4.js';
import { ntHash } from './nt-hash.js';

const hex = (text: string) => md4(Buffer.from(text, 'latin1')).toString('hex');

describe('md4', () => {
  it('matches the RFC 1320 test suite', () => {
    expect(hex('')).toBe('31d6cfe0d16ae931b73c59d7e0c089c0');
    expect(hex('a')).toBe('bde52cb31de33e46245e05fbdbd6fb24');
    expect(hex('abc')).toBe('a448017aaf21d8525fc10ae87aa6729d');
    expect(hex('message digest')).toBe('d9130a8164549fe818874806e1c7014b');
    expect(hex('abcdefghijklmnopqrstuvwxyz')).toBe('d79e1c308aa5bbcdeea8ed63df412da9');
    expect(hex('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')).toBe('043f8582f241db351ce627e153e7f0e4');
    expect(hex('1234567890'.repeat(8))).toBe('e33b4ddc9c38f2199c3e7b164fcc0536');
  });

  it('pads correctly at and around block boundaries (values from OpenSSL with the legacy provider)', () => {
    const expected: Record<number, string> = {
      55: '92f32bb82c95ad10e8f87ae58ab06807',
      56: '374d5f08103b7092c83b4626ebceffab',
      63: '2870452596e98fffd48332289b3472b9',
      64: 'b1abf956a5ae6f3221e5fe85e300fbb0',
      65: 'afc1a3308fc176a53238a09aeddec2e6',
      119: 'b55ae15e41e55643b0c3daad5e05c905',
      120: 'd8f9adfc41ec43552619606c70cfd287',
      1000: '4b4cacfefc79bf951c60620df38532dc',
    };
    for (const [length, digest] of Object.entries(expected)) expect(hex('x'.repeat(Number(length))), `length ${length}`).toBe(digest);
  });

  it('leaves its input untouched', () => {
    const input = Buffer.from('abc');
    md4(input);
    expect(input.toString()).toBe('abc');
  });
});

describe('ntHash', () => {
  it('is MD4 over UTF-16LE, as Active Directory computes it', () => {
    expect(ntHash('password').toString('hex')).toBe('8846f7eaee8fb117ad06bdd830b7586c');
    expect(ntHash('').toString('hex')).toBe('31d6cfe0d16ae931b73c59d7e0c089c0');
    // Values Samba AD returned over replication for these passwords (phs-experiment §4).
    expect(ntHash('Passw0rd!Alice').toString('hex')).toBe('d2367575b80a5eaa567f0dc4e7e8e17e');
    expect(ntHash('Passw0rd!Bob4').toString('hex')).toBe('353ffe7ab5840d588af247f2bbcbd1a2');
    expect(ntHash('Passw0rd!Example').toString('hex')).toBe('bcd22451503cd72b22ae814c510fb16f');
  });

  it('hashes non-ASCII passwords by their UTF-16 code units, surrogate pairs included', () => {
    expect(ntHash('Pässwörd€').toString('hex')).toBe('04e9d4087e1303bea8e5239aa5ddd064');
    expect(ntHash('\u{1F600}pw').toString('hex')).toBe('810ecc432030df99f64e27f13f1a092f');
  });
});
