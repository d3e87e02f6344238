// The app shell: header, navigation between the analysis steps, running tasks, and the current view.
import { createElement, useEffect } from 'react';
import { useApp } from '../store';
import { Header } from './components/shell/Header';
import { Nav } from './components/shell/Nav';
import { TaskBar } from './components/common/TaskBar';
import { Guide } from './components/guide/Guide';
import { DataView } from './components/data/DataView';
import { ModelView } from './components/model/ModelView';
import { RecommendView } from './components/recommend/RecommendView';
import { EvaluateView } from './components/evaluate/EvaluateView';
import { ExplainView } from './components/explain/ExplainView';
import { CausalView } from './components/causal/CausalView';
import type { View } from '../store/uiSlice';

const VIEW_COMPONENTS: Record<View, () => React.JSX.Element> = {
  data: DataView,
  model: ModelView,
  recommend: RecommendView,
  explain: ExplainView,
  causal: CausalView,
  evaluate: EvaluateView,
};

export function App() {
  const view = useApp((s) => s.view);
  const theme = useApp((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <Header />
      <Nav />
      <TaskBar />
      <Guide />
      <main className="view" id="main" tabIndex={-1}>
        {createElement(VIEW_COMPONENTS[view])}
      </main>
    </div>
  );
}
