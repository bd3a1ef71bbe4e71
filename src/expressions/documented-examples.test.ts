import { describe, expect, it } from 'vitest';
import { IgnoreAttributeFlow, IgnoreObjectFlow } from './values.js';
import { evaluate, result, results } from './test-helpers.js';

/*
 * Expressions copied verbatim from Microsoft's function references (app provisioning and Cloud Sync) and the
 * Workday guide, with the documented inputs. Where a guide's printed output contradicts its own expression,
 * the literal semantics are asserted and the doc error is named (expressions-spec §8).
 */

describe('app provisioning function reference', () => {
  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['Append([userPrincipalName], ".test")', { userPrincipalName: 'John.Doe@contoso.com' }, 'John.Doe@contoso.com.test'],
    ['BitAnd(&HF, &HF7)', {}, '7'],
    ['CDate([StatusHireDate])', { StatusHireDate: '2020-03-16-07:00' }, '3/16/2020 7:00:00 AM'],
    ['CDate("2021-06-30+08:00")', {}, '6/29/2021 4:00:00 PM'],
    ['CDate("2009-06-15T01:45:30-07:00")', {}, '6/15/2009 8:45:30 AM'],
    ['Coalesce([mail],[userPrincipalName])', { userPrincipalName: 'John.Doe@contoso.com' }, 'John.Doe@contoso.com'],
    ['ConvertToBase64("Hello world!")', {}, 'SABlAGwAbABvACAAdwBvAHIAbABkACEA'],
    ['ConvertToUTF8Hex("Hello world!")', {}, '48656C6C6F20776F726C6421'],
    ['CStr([dn])', { dn: 'cn=Joe,dc=contoso,dc=com' }, 'cn=Joe,dc=contoso,dc=com'],
    ['DateFromNum(129699324000000000)', {}, '1/1/2012 11:00:00 PM'],
    ['FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', { extensionAttribute1: '20150123105347.1Z' }, '2015-01-23'],
    ['IgnoreFlowIfNullOrEmpty([department])', { department: 'Sales' }, 'Sales'],
    ['IIF([country]="USA",[country],[department])', { country: 'USA', department: 'Sales' }, 'USA'],
    ['IIF([country]="USA",[country],[department])', { country: 'DE', department: 'Sales' }, 'Sales'],
    ['IIF([country]="USA",IIF([state]="CA","True","False"),"False")', { country: 'USA', state: 'CA' }, 'True'],
    ['IIF([country]="USA","True",IIF([state]="CA","True","False"))', { country: 'DE', state: 'CA' }, 'True'],
    ['Switch([country],[country],"","Other")', { country: '' }, 'Other'],
    ['Switch([country],[country],"","Other")', {}, 'Other'],
    ['Switch([country],[country],"","Other")', { country: 'NZ' }, 'NZ'],
    ['InStr("The quick brown fox","quick")', {}, '5'],
    ['InStr("repEated","e",3,vbBinaryCompare)', {}, '7'],
    ['IsNull([displayName])', {}, 'True'],
    ['IsNullOrEmpty([displayName])', { displayName: '' }, 'True'],
    ['Item([proxyAddresses], 1)', { proxyAddresses: ['SMTP:a@contoso.com', 'smtp:b@contoso.com'] }, 'SMTP:a@contoso.com'],
    ['Left("John Doe", 3)', {}, 'Joh'],
    ['NormalizeDiacritics([givenName])', { givenName: 'Zoë' }, 'Zoe'],
    ['PCase([firstName])', { firstName: 'PABLO GONSALVES (SECOND)' }, 'Pablo Gonsalves (Second)'],
    [`PCase([lastName]," '-")`, { lastName: "PINTO-DE'SILVA" }, "Pinto-De'Silva"],
    ['PCase(Join(" ",[firstName],[lastName]))', { firstName: 'GREGORY', lastName: 'JAMES' }, 'Gregory James'],
    ['Redact("StringToBeRedacted")', {}, 'StringToBeRedacted'],
    ['Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )', { BusinessTitle: 'Product Developer' }, 'Software Engineer'],
    ['Replace([UserID],"<username>", , , , , "<username>@contoso.com")', { UserID: 'jsmith' }, 'jsmith@contoso.com'],
    [String.raw`Replace([telephoneNumber], , "\\+(?<isdCode>\\d* )(?<phoneNumber>\\d{10})", , "${'$'}{phoneNumber}", , )`, { telephoneNumber: '+91 9998887777' }, '9998887777'],
    // The documented output "19998887777" drops the '+', which the character class does not contain (spec §8.10).
    [String.raw`Replace([mobile], , "[()\\s-]+", , "", , )`, { mobile: '+1 (999) 888-7777' }, '+19998887777'],
    [String.raw`Replace([AddressLineData], ,"(?<streetNumber>^\\d*)","streetNumber", "888", , )`, { AddressLineData: '545 Tremont Street' }, '888 Tremont Street'],
    ['Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , )', { userPrincipalName: 'jsmith@contoso.com' }, 'jsmith'],
    [String.raw`Replace([telephoneNumber], , "\\+(?<isdCode>\\d* )(?<phoneNumber>\\d{10})", "phoneNumber" , , [mobile], )`, { telephoneNumber: '', mobile: '+91 8887779999' }, '8887779999'],
    ['Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', { mailNickname: 'john_doe72' }, '72'],
    ['Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")', { state: 'QLD' }, 'Australia/Brisbane'],
    ['Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")', { state: 'WA' }, 'Australia/Sydney'],
    ['Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")', { statusFlag: 'TRUE' }, '1'],
    ['Switch([statusFlag], "Default Value", "true", "1", "", "0")', {}, '0'],
    [
      'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"))',
      { PreferredFirstName: 'John', PreferredLastName: 'Smith' },
      'john.smith@contoso.com',
    ],
    ['Word("The quick brown fox",3," ")', {}, 'brown'],
    ['Word("This,string!has&many separators",3,",!&#")', {}, 'has'],
    ['Replace([mail], "@contoso.com", , ,"", ,)', { mail: 'john.doe@contoso.com' }, 'john.doe'],
    ['Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))', { givenName: 'John', surname: 'Doe' }, 'JohDoe'],
    ['Join(", ", "", [surname], [givenName])', { givenName: 'John', surname: 'Doe' }, 'Doe, John'],
    // The documented output came from a different GUID than the one shown (spec §8.9); this is the literal result.
    [
      'Join("", 1000, Replace(ConvertToUTF8Hex([objectId]), , "[a-zA-Z_]*", , "", , ))',
      { objectId: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee' },
      '100030306161303061612626231312636332322646433332343465653434656534346565',
    ],
    ['Switch([IsSoftDeleted], , "False", "True", "True", "False")', { IsSoftDeleted: false }, 'True'],
    ['Not([IsSoftDeleted])', { IsSoftDeleted: 'False' }, 'True'],
  ])('%s', (expression, attributes, expected) => {
    expect(result(expression, attributes)).toBe(expected);
  });

  it('DateAdd table', () => {
    const hire = { StatusHireDate: '2012-03-16-07:00' };
    expect(result('DateAdd("d", 7, CDate([StatusHireDate]))', hire)).toBe('3/23/2012 7:00:00 AM');
    expect(result('DateAdd("d", -10, CDate([StatusHireDate]))', hire)).toBe('3/6/2012 7:00:00 AM');
    expect(result('DateAdd("ww", 2, CDate([StatusHireDate]))', hire)).toBe('3/30/2012 7:00:00 AM');
    expect(result('DateAdd("m", 10, CDate([StatusHireDate]))', hire)).toBe('1/16/2013 7:00:00 AM');
    expect(result('DateAdd("yyyy", 2, CDate([StatusHireDate]))', hire)).toBe('3/16/2014 7:00:00 AM');
  });

  it('DateDiff table', () => {
    const diff = (interval: string, date1: string, date2: string) => result(`DateDiff("${interval}", CDate([d1]), CDate([d2]))`, { d1: date1, d2: date2 });
    expect(diff('d', '2021-08-18+08:00', '2021-08-31+08:00')).toBe('13');
    expect(diff('d', '8/25/2021 5:41:18 PM', '2012-03-16-07:00')).toBe('-3449');
    expect(diff('ww', '8/25/2021 5:41:18 PM', '2012-03-16-07:00')).toBe('-493');
    expect(diff('m', '8/25/2021 5:41:18 PM', '2012-03-16-07:00')).toBe('-113');
    expect(diff('yyyy', '8/25/2021 5:41:18 PM', '2012-03-16-07:00')).toBe('-9');
    expect(diff('d', '2021-08-31+08:00', '2021-08-31+08:00')).toBe('0');
    expect(diff('h', '2021-08-24', '2021-08-25')).toBe('24');
    expect(diff('n', '2021-08-24', '2021-08-25')).toBe('1440');
    expect(diff('s', '2021-08-24', '2021-08-25')).toBe('86400');
  });

  it('DateDiff combined with IIF (hire within five days)', () => {
    const expression = 'Switch([Active], , \n  "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), \n  "0", "False")';
    expect(result(expression, { Active: '1', StatusHireDate: '2025-08-02' })).toBe('True');
    expect(result(expression, { Active: '1', StatusHireDate: '2025-08-20' })).toBe('False');
    expect(result(expression, { Active: '0', StatusHireDate: '2025-08-02' })).toBe('False');
  });

  it('IgnoreFlowIfNullOrEmpty drops null, empty and unmatched Switch results', () => {
    expect(evaluate('IgnoreFlowIfNullOrEmpty([department])', {})).toBe(IgnoreAttributeFlow);
    expect(evaluate('IgnoreFlowIfNullOrEmpty([department])', { department: '' })).toBe(IgnoreAttributeFlow);
    const prefix = 'IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))';
    expect(evaluate(prefix, { prefix: '9999' })).toBe(IgnoreAttributeFlow);
    expect(evaluate(prefix, { prefix: '3444' })).toBe('Prof.');
  });

  it('RandomString samples meet their rules', () => {
    const six = result('RandomString(6,3,0,0,3)')!;
    expect(six).toMatch(/^[0-9a-z]{6}$/);
    expect(six.replace(/\D/g, '').length).toBeGreaterThanOrEqual(3);
    const ten = result('RandomString(10,2,2,2,1,"?,")')!;
    expect(ten).toHaveLength(10);
    expect(ten).not.toMatch(/[?,]/);
    expect(ten.replace(/\D/g, '').length).toBeGreaterThanOrEqual(2);
    expect(ten.replace(/[A-Za-z0-9]/g, '').length).toBeGreaterThanOrEqual(2);
    expect(ten.replace(/[^A-Z]/g, '').length).toBeGreaterThanOrEqual(2);
    expect(ten.replace(/[^a-z]/g, '').length).toBeGreaterThanOrEqual(1);
  });

  it('Guid returns a lower-case hyphenated GUID', () => {
    expect(result('Guid()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(result('Guid()', {}, { context: { newGuid: () => '00aa00aa-bb11-cc22-dd33-44ee44ee44ee' } })).toBe('00aa00aa-bb11-cc22-dd33-44ee44ee44ee');
  });

  it('Split: the documented output omits the space a plain split leaves (compat flag trims)', () => {
    expect(results('Split([extensionAttribute5], ",")', { extensionAttribute5: 'PermissionSetOne, PermissionSetTwo' })).toEqual(['PermissionSetOne', ' PermissionSetTwo']);
    expect(results('Split([extensionAttribute5], ",")', { extensionAttribute5: 'PermissionSetOne, PermissionSetTwo' }, { compat: { splitTrimsValues: true } })).toEqual([
      'PermissionSetOne',
      'PermissionSetTwo',
    ]);
  });

  it('NumFromDate: Workday and SuccessFactors shapes', () => {
    expect(result('NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), " 23:59:59-08:00"))', { ContractEndDate: '2025-12-31-08:00' })).toBe(
      '134117279990000000',
    );
    expect(result('NumFromDate(Join("",FormatDateTime([endDate], ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd")," 23:59:59-08:00"))', { endDate: '12/31/2025 12:00:00 AM' })).toBe(
      '134117279990000000',
    );
  });
});

describe('Cloud Sync reference', () => {
  const cs = { dialect: 'cloudSync' as const };
  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['ConvertFromBase64("SABlAGwAbABvACAAdwBvAHIAbABkACEA")', {}, 'Hello world!'],
    ['ConvertFromBase64("SGVsbG8gd29ybGQh", UTF8)', {}, 'Hello world!'],
    ['DNComponent(CRef([dn]),1)', { dn: 'cn=Joe,ou=Users,dc=contoso,dc=com' }, 'Joe'],
    ['IIF([employeeType]="Intern","t-" & [alias],[alias])', { employeeType: 'Intern', alias: 'jdoe' }, 't-jdoe'],
    ['IIF([employeeType]="Intern","t-" & [alias],[alias])', { employeeType: 'FTE', alias: 'jdoe' }, 'jdoe'],
    ['IIF(IsPresent([accountName]),[accountName],Error("AccountName is required"))', { accountName: 'x' }, 'x'],
    ['Mid(Item([proxyAddresses],Contains([proxyAddresses], "SMTP:")),6)', { proxyAddresses: ['smtp:a@contoso.com', 'SMTP:joe@contoso.com'] }, 'joe@contoso.com'],
    ['Trim(" Test ")', {}, 'Test'],
    ['FormatDateTime([extensionAttribute1], "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', { extensionAttribute1: '20150123105347.1Z' }, '2015-01-23'],
    ['Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', { mailNickname: 'john_doe72' }, '72'],
    ['BitAnd(&HF, &HF7)', {}, '7'],
    ['Cstr([dn])', { dn: 'cn=Joe' }, 'cn=Joe'],
  ])('%s', (expression, attributes, expected) => {
    expect(result(expression, attributes, cs)).toBe(expected);
  });

  it('Trim trims each value of a multi-valued attribute', () => {
    expect(results('Trim([proxyAddresses])', { proxyAddresses: [' a ', 'b  '] }, cs)).toEqual(['a', 'b']);
  });

  it('Error fails the object', () => {
    expect(() => evaluate('IIF(IsPresent([accountName]),[accountName],Error("AccountName is required"))', {}, cs)).toThrow(
      expect.objectContaining({ code: 'CustomError', message: 'Error: AccountName is required' }),
    );
  });
});

describe('Workday guide (literal semantics; "current date" 2025-07-30T12:00Z)', () => {
  it.each<[string, Record<string, unknown>, string | undefined]>([
    [String.raw`Replace([PrimaryWorkTelephone], , "[()\\s-]+", , "", , )`, { PrimaryWorkTelephone: '+1 (555) 123-4567' }, '+15551234567'],
    ['Replace([PreferredNameData], , "(?<firstName>[a-zA-Z]+ )(?<lastName>[a-zA-Z]+)", ,"${lastName}", ,)', { PreferredNameData: 'John Smith' }, 'Smith'],
    ['Replace([WorkerID], , "(?<leadingZeros>^0+)(?<actualValue>[a-zA-Z0-9]+)", , "${actualValue}", ,)', { WorkerID: '00012345' }, '12345'],
    [
      'Join(" ",Replace([HereditarySuffix], ,"(?<CountryISOCode>.*)_(?<suffix1>.*)_(?<suffix2>.*)[0-9]", ,"${suffix1} ${suffix2}", , ),[PreferredLastName])',
      { HereditarySuffix: 'NLD_Van_der3', PreferredLastName: 'Hof' },
      'Van der Hof',
    ],
    [`Replace(PCase("st john's hospital"),"'S", , ,"'s", , )`, {}, "St John's Hospital"],
    // The guide prints lower case output here without any ToLower (spec §8.8).
    ['ToLower(NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))))', { PreferredFirstName: 'José', PreferredLastName: 'García-López' }, 'jose.garcia-lopez'],
    ['Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.com")', { PreferredFirstName: 'María', PreferredLastName: 'José González' }, 'Maria.JoseGonzalez@contoso.com'],
    [
      'Switch([CountryReferenceTwoLetter], \n    Join(" ", [PreferredFirstName], [PreferredLastName]),  \n    "HU", Join(",", [PreferredLastName], [PreferredFirstName]), \n    "JP", Join(",", [PreferredLastName], [PreferredFirstName]), \n    "KR", Join(",", [PreferredLastName], [PreferredFirstName])\n)',
      { CountryReferenceTwoLetter: 'JP', PreferredFirstName: 'Hiroshi', PreferredLastName: 'Tanaka' },
      'Tanaka,Hiroshi',
    ],
    [String.raw`Replace(Replace([telephoneNumber], , "\\+(?<isdCode>\\d* )(?<phoneNumber>.*)", , "${'$'}{phoneNumber}", , ), ,"[()\\s-]+", ,"", , )`, { telephoneNumber: '+1 737-626-8331' }, '7376268331'],
    [
      String.raw`Switch(Replace([telephoneNumber], , "\+(?<isdCode>49|44|43|1|352|91|31|32|55|237|420|45|20|212|216|234|263|27|30|33|34|351|352|36|372|380|381|383|39|40|41|421|46|47|48|58|60|7|90|91|92|94|961|971|98|995)(?<phoneNumber>.*)", , "${'$'}{isdCode}", , ), , "43", "AUT", "32", "BEL", "1", "USA", "49", "GER", "91", "IND")`,
      { telephoneNumber: '+493012345678' },
      'GER',
    ],
    [String.raw`Replace(Replace([telephoneNumber], , "\\+(?<isdCode>\\d* )(?<phoneNumber>.* )[x](?<extension>.*)", , "${'$'}{phoneNumber}", , ), ,"[()\\s-]+", ,"", , )`, { telephoneNumber: '+1 (206) 291-8163 x8125' }, '2062918163'],
    [String.raw`Replace([telephoneNumber], , "\\+(?<isdCode>\\d* )(?<phoneNumber>.* )[x](?<extension>.*)", , "${'$'}{extension}", , )`, { telephoneNumber: '+1 (206) 291-8163 x8125' }, '8125'],
    ['Switch([Active], , "1", "False", "0", "True")', { Active: '1' }, 'False'],
    ['Switch([Active], , \n"1", IIF([StatusRehire]=1, IIF(DateDiff("d", Now(), CDate([StatusHireDate])) >= 0, "False", "True"), "False"), \n"0", "True")', { Active: '1', StatusRehire: '1', StatusHireDate: '2025-08-15' }, 'False'],
    ['Switch([Active], , \n"1", IIF([StatusRehire]=1, IIF(DateDiff("d", Now(), CDate([StatusHireDate])) >= 0, "False", "True"), "False"), \n"0", "True")', { Active: '1', StatusRehire: '1', StatusHireDate: '2025-07-15' }, 'True'],
    ['Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) <= 14, "False", "True"), "0", "True")', { Active: '1', StatusHireDate: '2025-08-10' }, 'False'],
    ['Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) <= 14, "False", "True"), "0", "True")', { Active: '1', StatusHireDate: '2025-09-15' }, 'True'],
    [
      'Switch([StatusTerminated], "False", "1", "True", "0",\n  Switch([StatusHireRescinded], "False", "1", "True", "0",\n     Switch([Active], "False", \n         "1", IIF(DateDiff("d", Now(), CDate(IIF(IsNullOrEmpty([StatusHireDate]), "9999-01-01", [StatusHireDate]))) < 7, "False", "True"), \n         "0", "True"\n         )\n    )\n)',
      { StatusTerminated: '0', StatusHireRescinded: '0', Active: '1', StatusHireDate: '2025-08-05' },
      'False',
    ],
    [
      'Join("", \n    Switch([SupervisoryOrganization],"",\n        "Engineering", "OU=Engineering,",\n        "Development", "OU=Development,"\n        ),\n    Switch([CostCenter],"",\n        "Modern Workplace","OU=Modern Workplace,"\n        ),\n    Switch([CountryReferenceTwoLetter],"",\n        "US","OU=USA,",\n        "UK","OU=UK,"\n        ),\n    "OU=Users,DC=contoso,DC=com"\n)',
      { SupervisoryOrganization: 'Engineering', CostCenter: 'Modern Workplace', CountryReferenceTwoLetter: 'US' },
      'OU=Engineering,OU=Modern Workplace,OU=USA,OU=Users,DC=contoso,DC=com',
    ],
    [
      'IIF(DateDiff("d", Now(),CDate(Switch([StatusTerminationLastDayOfWork],[StatusTerminationLastDayOfWork],\n        "","9999-12-31"\n        ))\n    ) <= 0, \n    "OU=Leavers,OU=Users,DC=contoso,DC=com", \n    Switch([City], "OU=Default,OU=Users,DC=contoso,DC=com", \n        "Dallas", "OU=Dallas,OU=Users,DC=contoso,DC=com") \n)',
      { StatusTerminationLastDayOfWork: '2025-07-25', City: 'Dallas' },
      'OU=Leavers,OU=Users,DC=contoso,DC=com',
    ],
    ['Join("", [PreferredLastName], ",", [PreferredFirstName], " ", Mid([PreferredMiddleName],1,1), "-", [WorkerID])', { PreferredLastName: 'Johnson', PreferredFirstName: 'Sarah', PreferredMiddleName: 'Elizabeth', WorkerID: '12345' }, 'Johnson,Sarah E-12345'],
    ['NumFromDate(Join("",FormatDateTime(DateAdd("yyyy", 5, CDate([StatusHireDate])), , "yyyy-MM-dd", "yyyy-MM-dd")," 23:59:59-05:00"))', { StatusHireDate: '2025-01-15' }, '135392435990000000'],
  ])('%s', (expression, attributes, expected) => {
    expect(result(expression, attributes)).toBe(expected);
  });

  it('IgnoreAttributeFlow and IgnoreObjectFlow as IIF branches', () => {
    const department = 'IIF(DateDiff("d", Now(), CDate([StatusHireDate])) >= 0, [Department], IgnoreAttributeFlow)';
    expect(evaluate(department, { StatusHireDate: '2025-08-15', Department: 'Marketing' })).toBe('Marketing');
    expect(evaluate(department, { StatusHireDate: '2025-07-15', Department: 'Engineering' })).toBe(IgnoreAttributeFlow);
    const objectFilter = 'IIF(DateDiff("d", Now(), CDate([StatusHireDate])) <= 14, "False", IgnoreObjectFlow)';
    expect(evaluate(objectFilter, { StatusHireDate: '2025-08-10' })).toBe('False');
    expect(evaluate(objectFilter, { StatusHireDate: '2025-09-15' })).toBe(IgnoreObjectFlow);
  });

  it('proxyAddresses built with Split(Join(...))', () => {
    const expression =
      'Split(\n    Join(",",\n        Append("smtp:", Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.onmicrosoft.com")),\n        Append("SMTP:", Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.com"))\n    ), ","\n)';
    expect(results(expression, { PreferredFirstName: 'Michael', PreferredLastName: 'Brown' })).toEqual(['smtp:Michael.Brown@contoso.onmicrosoft.com', 'SMTP:Michael.Brown@contoso.com']);
  });

  it('sAMAccountName rule with the heavily escaped character class compiles and strips', () => {
    const rule = String.raw`Replace(Mid(Replace(NormalizeDiacritics(StripSpaces(Join("", Mid([FirstName],1,1), [LastName]))), , "([\\/\\\\\\[\\]\\:\\;\\|\\=\\,\\+\\*\\?\\<\\>])", , "", , ), 1, 20), , "(\\.)*$", , "", , )`;
    expect(result(rule, { FirstName: 'María José', LastName: 'González-López' })).toBe('MGonzalez-Lopez');
    expect(result(rule, { FirstName: 'Ann', LastName: 'O[Brien]+:x.' })).toBe('AOBrienx');
  });

  it('writeback of the username only after the hire date', () => {
    const expression = 'IgnoreFlowIfNullOrEmpty(IIF(DateDiff("d", Now(), CDate([employeeHireDate])) > 0, "", [userPrincipalName]))';
    expect(evaluate(expression, { employeeHireDate: '2025-07-15', userPrincipalName: 'user@contoso.com' })).toBe('user@contoso.com');
    expect(evaluate(expression, { employeeHireDate: '2025-08-15', userPrincipalName: 'future@contoso.com' })).toBe(IgnoreAttributeFlow);
  });
});
