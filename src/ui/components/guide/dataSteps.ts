// What the guide proposes after the analyst's own data is loaded: one line per property of the log (ratings, time,
// exposures, purchases, a catalog) saying which models and analyses it allows. Every figure is one of the facts.
import type { MessageKey } from '../../i18n/en';

export interface DataFacts {
  events: number;
  users: number;
  items: number;
  /** Events with a rating or other value. */
  valued: number;
  /** Formatted first and last time; null without timestamps. */
  timeRange: [string, string] | null;
  exposures: number;
  purchases: number;
  /** Users with at least one purchase. */
  purchasers: number;
  /** Log items with a catalog title. */
  titled: number;
  /** Registered models that learn from the order of events. */
  sequenceModels: string[];
  /** Users leave-one-out evaluation tests (three or more distinct items), and the median events per user. */
  testableUsers: number;
  historyMedian: number;
}

/** Below this share of users tested, the guide says how few are. */
const FEW_TESTABLE = 0.5;

export interface GuideLine {
  key: MessageKey;
  vars: Record<string, string | number>;
}

/** The lines in order; `num` formats counts in the UI's locale. */
export function dataSteps(f: DataFacts, num: (x: number) => string): GuideLine[] {
  const sequence = f.sequenceModels.join(', ');
  const lines: GuideLine[] = [
    f.valued > 0 ? { key: 'guide.data.mine.ratings', vars: { valued: num(f.valued) } } : { key: 'guide.data.mine.noRatings', vars: {} },
    f.timeRange
      ? { key: 'guide.data.mine.time', vars: { from: f.timeRange[0], to: f.timeRange[1], sequence } }
      : { key: 'guide.data.mine.noTime', vars: { sequence } },
    f.exposures > 0
      ? { key: 'guide.data.mine.exposures', vars: { n: num(f.exposures) } }
      : { key: 'guide.data.mine.noExposures', vars: {} },
    f.purchases > 0
      ? { key: 'guide.data.mine.purchases', vars: { n: num(f.purchases), users: num(f.purchasers) } }
      : { key: 'guide.data.mine.noPurchases', vars: {} },
  ];
  if (f.titled > 0) lines.push({ key: 'guide.data.mine.catalog', vars: { titled: num(f.titled), items: num(f.items) } });
  if (f.users > 0 && f.testableUsers < FEW_TESTABLE * f.users)
    lines.push({
      key: 'guide.data.mine.fewTestable',
      vars: {
        testable: num(f.testableUsers),
        users: num(f.users),
        pct: num(Math.round((100 * f.testableUsers) / f.users)),
        median: num(f.historyMedian),
      },
    });
  lines.push({ key: 'guide.data.mine.next', vars: {} });
  return lines;
}
