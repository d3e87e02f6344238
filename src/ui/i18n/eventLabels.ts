// Event types as the UI names them: the log's canonical types (data/eventTypes.ts) in Chinese when the UI is; any other
// type is the log's own word and stays as it is.
import type { Lang } from './index';

const ZH: Record<string, string> = {
  exposure: '曝光',
  view: '浏览',
  click: '点击',
  fav: '收藏',
  cart: '加购',
  purchase: '购买',
  rating: '评分',
};

export function eventLabel(type: string, lang: Lang): string {
  return lang === 'zh' && Object.hasOwn(ZH, type) ? ZH[type] : type;
}
