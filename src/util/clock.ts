/** Time, injectable: the system clock in production, a fake one in tests so nothing sleeps. */
export type TimerHandle = { readonly id: number };

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

let nextId = 1;
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      handles.delete(id);
      fn();
    }, ms);
    timer.unref?.();
    handles.set(id, timer);
    return { id };
  },
  clearTimeout: (handle) => {
    const timer = handles.get(handle.id);
    if (timer) clearTimeout(timer);
    handles.delete(handle.id);
  },
};

const handles = new Map<number, ReturnType<typeof setTimeout>>();
