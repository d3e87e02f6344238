// The one app store, made of typed slices; actions that talk to workers live beside them in *Actions.ts.
import { create } from 'zustand';
import { createDataSlice, type DataSlice } from './dataSlice';
import { createTasksSlice, type TasksSlice } from './tasksSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { createMlSlice, type MlSlice } from './mlSlice';
import { createModelsSlice, type ModelsSlice } from './modelsSlice';
import { createTextModelsSlice, type TextModelsSlice } from './textModelsSlice';
import { createBehaviorSlice, type BehaviorSlice } from './behaviorSlice';
import { createSharingSlice, type SharingSlice } from './sharingSlice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspaceSlice';
import { createCausalSlice, type CausalSlice } from './causalSlice';
import { createUpliftSlice, type UpliftSlice } from './upliftSlice';
import { createSequenceClassifierSlice, type SequenceClassifierSlice } from './sequenceClassifierSlice';

export type AppState = DataSlice &
  TasksSlice &
  UiSlice &
  MlSlice &
  ModelsSlice &
  TextModelsSlice &
  BehaviorSlice &
  SharingSlice &
  WorkspaceSlice &
  CausalSlice &
  SequenceClassifierSlice &
  UpliftSlice;

export const useApp = create<AppState>()((...a) => ({
  ...createDataSlice(...a),
  ...createTasksSlice(...a),
  ...createUiSlice(...a),
  ...createMlSlice(...a),
  ...createModelsSlice(...a),
  ...createTextModelsSlice(...a),
  ...createBehaviorSlice(...a),
  ...createSharingSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createCausalSlice(...a),
  ...createUpliftSlice(...a),
  ...createSequenceClassifierSlice(...a),
}));
