// Time-axis tick labels in the UI's language: "Oct 01" in English, "10月1日" in Chinese (d3-time-format's zh-CN
// locale, whose definition is copied here so the charts need no JSON import).
import { timeFormatLocale, utcFormat } from 'd3';

const zhCN = timeFormatLocale({
  dateTime: '%x %A %X',
  date: '%Y年%-m月%-d日',
  time: '%H:%M:%S',
  periods: ['上午', '下午'],
  days: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  shortDays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  months: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
  shortMonths: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
});

/** Ticks for a UTC axis spanning `spanSeconds`: hours and minutes under three days, else month and day. */
export function utcTickFormat(lang: 'en' | 'zh', spanSeconds: number): (d: Date) => string {
  const short = spanSeconds < 3 * 86_400;
  if (lang === 'zh') return zhCN.utcFormat(short ? '%H:%M' : '%-m月%-d日');
  return utcFormat(short ? '%H:%M' : '%b %d');
}
