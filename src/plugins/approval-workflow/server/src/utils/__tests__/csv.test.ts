import { csvCell, csvRow } from '../csv';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    [42, '42'],
    [null, ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['a=b', 'a=b'],
    ['{"comment":"=1"}', '"{""comment"":""=1""}"'],
  ] as const)('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('csvRow', () => {
  it('joins the cells and ends the line with CRLF', () => {
    expect(csvRow([1, 'a,b', null, '-x'])).toBe('1,"a,b",,\'-x\r\n');
  });
});
