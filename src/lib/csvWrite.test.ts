import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csvWrite';

describe('csvCell', () => {
  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });
  it('leaves ordinary text, inner signs and numbers alone', () => {
    expect(csvCell('Blue mug')).toBe('Blue mug');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell("it's")).toBe("it's");
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });
  it('quotes delimiters, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('中文, 推荐')).toBe('"中文, 推荐"');
  });
});

describe('toCsv', () => {
  it('writes a header and CRLF-terminated rows', () => {
    expect(
      toCsv(
        ['item', 'score'],
        [
          ['=cmd', 1.5],
          ['mug, blue', -2],
        ],
      ),
    ).toBe(`item,score\r\n'=cmd,1.5\r\n"mug, blue",-2\r\n`);
  });
});
