// Keeps a Comlink worker alive: when it dies (an `error` event), the calls in flight fail with a clear reason, the
// worker is terminated, and the next call starts a fresh one. Without this a crashed worker's calls never settle and
// their tasks spin forever.
import * as Comlink from 'comlink';

/** What the supervisor needs of a Worker (a real one in the browser, a fake in tests). */
export interface WorkerLike {
  addEventListener(type: 'error', listener: (e: { message?: string }) => void): void;
  terminate(): void;
}

export class WorkerCrashedError extends Error {
  constructor(
    readonly worker: string,
    detail: string,
  ) {
    super(`The ${worker} worker stopped (${detail}); it has been restarted. Run the task again.`);
    this.name = 'WorkerCrashedError';
  }
}

export type RestartListener = (worker: string, error: WorkerCrashedError) => void;

interface Running<T> {
  worker: WorkerLike;
  remote: Comlink.Remote<T>;
  /** Rejects when this worker dies; every call on it races this. */
  died: Promise<never>;
}

export class WorkerSupervisor<T> {
  private running: Running<T> | null = null;
  private readonly listeners = new Set<RestartListener>();
  /** How many times the worker died and was replaced. */
  crashes = 0;
  /** The same interface as the worker's, each call bound to whichever worker is alive when it is made. */
  readonly remote: Comlink.Remote<T>;

  constructor(
    readonly name: string,
    private readonly spawn: () => WorkerLike,
    private readonly wrap: (w: WorkerLike) => Comlink.Remote<T> = (w) => Comlink.wrap<T>(w as unknown as Comlink.Endpoint),
  ) {
    this.remote = new Proxy({} as Comlink.Remote<T>, {
      // Not thenable: `await supervisor.remote` must not look like a call.
      get: (_, key) => (key === 'then' || typeof key === 'symbol' ? undefined : (...args: unknown[]) => this.call(key, args)),
    });
  }

  /** Called after each crash, once the dead worker is gone (the next call starts a new one). */
  onRestart(listener: RestartListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a worker is currently started. */
  get started(): boolean {
    return this.running !== null;
  }

  private start(): Running<T> {
    const worker = this.spawn();
    let die!: (e: WorkerCrashedError) => void;
    const died = new Promise<never>((_, reject) => (die = reject));
    died.catch(() => {}); // a worker may die with no call in flight
    const running: Running<T> = { worker, remote: this.wrap(worker), died };
    worker.addEventListener('error', (e) => {
      if (this.running !== running) return; // already replaced
      const error = new WorkerCrashedError(this.name, e.message || 'the worker script failed');
      this.running = null;
      this.crashes++;
      worker.terminate();
      die(error);
      for (const l of this.listeners) l(this.name, error);
    });
    return running;
  }

  private call(key: string, args: unknown[]): Promise<unknown> {
    this.running ??= this.start();
    const { remote, died } = this.running;
    const method = (remote as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[key];
    return Promise.race([method(...args), died]);
  }
}
