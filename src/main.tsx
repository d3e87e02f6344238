// App entry: mounts React, restores the saved workspace (or opens the built-in demo), and exposes a small test API for the e2e suite.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { useApp } from './store';
import { startWorkspace } from './store/workspaceActions';
import { chooseBackend } from './store/mlActions';
import { watchWorkerRestarts } from './store/workerRestarts';
import { watchDatasetRemovals } from './store/modelActions';
import { Comlink, mlWorker } from './workers/client';
import { cjkFontReady } from './ui/cjkFont';
import './ui/styles.css';

declare global {
  interface Window {
    /** Test API for the e2e suite: store state, idleness, and the ML worker's typed interface. */
    __reclens?: { state: typeof useApp.getState; idle: () => boolean; ml: typeof mlWorker; proxy: typeof Comlink.proxy };
  }
}
window.__reclens = {
  state: useApp.getState,
  idle: () => Object.keys(useApp.getState().tasks).length === 0 && !useApp.getState().workspaceBusy,
  ml: mlWorker,
  proxy: Comlink.proxy,
};

// Rendered once the bundled CJK font is in (or after a short wait), so Chinese never keeps fallback boxes (ui/cjkFont).
void cjkFontReady().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

// A worker that dies is restarted; the store lets go of what lived in it and says so.
watchWorkerRestarts();
// A closed dataset is let go in the ML worker too.
watchDatasetRemovals();
// The saved workspace comes back (datasets, models, evaluations); without one the built-in demo opens.
void startWorkspace();
// Measure the backends in the ML worker right away: the analyst sees what will compute before training anything.
void chooseBackend();
