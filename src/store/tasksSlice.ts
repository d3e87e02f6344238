// Long-running tasks in flight: their progress (done/total, rate, ETA) and how to cancel them.
import type { StateCreator } from 'zustand';
import type { Progress } from '../lib/progress';
import type { AppState } from './index';

export interface TaskState {
  id: string;
  label: string;
  progress: Progress | null;
  cancel: () => void;
}

export interface TasksSlice {
  tasks: Record<string, TaskState>;
  taskStarted(task: Omit<TaskState, 'progress'>): void;
  taskProgress(id: string, progress: Progress): void;
  taskEnded(id: string): void;
}

export const createTasksSlice: StateCreator<AppState, [], [], TasksSlice> = (set) => ({
  tasks: {},
  taskStarted: (task) => set((s) => ({ tasks: { ...s.tasks, [task.id]: { ...task, progress: null } } })),
  taskProgress: (id, progress) =>
    set((s) => (s.tasks[id] ? { tasks: { ...s.tasks, [id]: { ...s.tasks[id], progress } } } : s)),
  taskEnded: (id) =>
    set((s) => {
      const { [id]: _gone, ...rest } = s.tasks;
      return { tasks: rest };
    }),
});
