// Long-running tasks in flight: their progress (done/total, rate, ETA) and how to cancel them.
import type { StateCreator } from 'zustand';
import type { Progress } from '../lib/progress';
import type { AppState } from './index';

export interface TaskState {
  id: string;
  label: string;
  progress: Progress | null;
  /** Every progress detail seen so far (loss, validation metric …), for live curves; capped. */
  trail: NonNullable<Progress['detail']>[];
  cancel: () => void;
}

const MAX_TRAIL = 5000;

export interface TasksSlice {
  tasks: Record<string, TaskState>;
  taskStarted(task: Omit<TaskState, 'progress' | 'trail'>): void;
  taskProgress(id: string, progress: Progress): void;
  taskEnded(id: string): void;
}

export const createTasksSlice: StateCreator<AppState, [], [], TasksSlice> = (set) => ({
  tasks: {},
  taskStarted: (task) => set((s) => ({ tasks: { ...s.tasks, [task.id]: { ...task, progress: null, trail: [] } } })),
  taskProgress: (id, progress) =>
    set((s) => {
      const task = s.tasks[id];
      if (!task) return s;
      const trail = progress.detail && task.trail.length < MAX_TRAIL ? [...task.trail, progress.detail] : task.trail;
      return { tasks: { ...s.tasks, [id]: { ...task, progress, trail } } };
    }),
  taskEnded: (id) =>
    set((s) => {
      const { [id]: _gone, ...rest } = s.tasks;
      return { tasks: rest };
    }),
});
