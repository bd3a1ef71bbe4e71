import { describe, expect, it } from 'vitest';
import { cloudAnchor, cloudLegacyExchangeDn, sourceAnchorBytes } from './cloud-attributes.js';

describe('cloud attributes for writeback to AD', () => {
  const id = '6f3e0c4a-1b2c-4d5e-8f90-a1b2c3d4e5f6';

  it('anchors cloud objects as msDS-ExternalDirectoryObjectId expects', () => {
    expect(cloudAnchor('User', id)).toBe(`User_${id}`);
    expect(cloudAnchor('Group', id)).toBe(`Group_${id}`);
  });

  it("derives Exchange Online's legacy DN for mail-enabled users only", () => {
    expect(cloudLegacyExchangeDn(id, 'ada@contoso.com', 'ada')).toBe(
      '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=6f3e0c4a1b2c4d5e8f90a1b2c3d4e5f6-ada',
    );
    expect(cloudLegacyExchangeDn(id, null, 'ada')).toBeNull();
    expect(cloudLegacyExchangeDn(id, 'ada@contoso.com', null)).toBeNull();
  });

  it('reads the source anchor bytes from a base64 immutable id, and nothing else', () => {
    expect(sourceAnchorBytes('nZ4Jki8vREWm5v7fs5Pgyw==')).toEqual(new Uint8Array(Buffer.from('nZ4Jki8vREWm5v7fs5Pgyw==', 'base64')));
    expect(sourceAnchorBytes('ada@contoso.com')).toBeNull();
    expect(sourceAnchorBytes(null)).toBeNull();
  });
});
