// Which view is open and the analyst's display preferences.
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export const VIEWS = ['data', 'model', 'recommend', 'explain', 'causal', 'evaluate'] as const;
export type View = (typeof VIEWS)[number];
export type Theme = 'light' | 'dark';

export interface UiSlice {
  view: View;
  theme: Theme;
  setView(view: View): void;
  setTheme(theme: Theme): void;
  /** The first-run guide (it follows the open view): shown until the analyst closes it once, reopened from the header. */
  guideOpen: boolean;
  setGuide(open: boolean): void;
}

const GUIDE_KEY = 'reclens.guide';
const guideDone = (): boolean => globalThis.localStorage?.getItem(GUIDE_KEY) === 'done';

const storedTheme = (): Theme => (globalThis.localStorage?.getItem('reclens.theme') === 'dark' ? 'dark' : 'light');

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  view: 'data',
  theme: storedTheme(),
  setView: (view) => set({ view }),
  setTheme: (theme) => {
    globalThis.localStorage?.setItem('reclens.theme', theme);
    set({ theme });
  },
  guideOpen: !guideDone(),
  setGuide: (open) => {
    if (!open) globalThis.localStorage?.setItem(GUIDE_KEY, 'done');
    set({ guideOpen: open });
  },
});
