/**
 * The preload bridge: exposes `window.desk` (DeskBridge) to the sandboxed renderer and
 * nothing else. Only plain data crosses: the page never sees ipcRenderer or an
 * IpcRendererEvent. Built as CommonJS (out/preload/index.cjs) so the page can stay sandboxed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_BATCH_CHANNEL, IPC_INVOKE_CHANNEL, MAX_BATCH_CALLS, type DeskBridge, type InvokeResult } from '../src-shared/api/transport';

const desk: DeskBridge = {
  invoke(method: string, input: unknown, session?: string | null): Promise<InvokeResult> {
    if (typeof method !== 'string') {
      return Promise.resolve({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'The app asked for an action it does not have.' },
      });
    }
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input, typeof session === 'string' ? session : null) as Promise<InvokeResult>;
  },

  async invokeBatch(calls: readonly { method: string; input: unknown }[], session?: string | null): Promise<InvokeResult[]> {
    const notAnAction: InvokeResult = { ok: false, error: { code: 'NOT_FOUND', message: 'The app asked for an action it does not have.' } };
    if (!Array.isArray(calls) || calls.length === 0 || calls.length > MAX_BATCH_CALLS) {
      throw new TypeError(`invokeBatch(calls) needs a list of 1 to ${MAX_BATCH_CALLS} calls.`);
    }
    // Only plain { method, input } pairs cross; a call without a method name is answered here.
    const sent = calls.map((c) => (c !== null && typeof c === 'object' && typeof c.method === 'string' ? { method: c.method, input: c.input } : null));
    const asked = sent.filter((c) => c !== null);
    const answers = asked.length
      ? ((await ipcRenderer.invoke(IPC_INVOKE_BATCH_CHANNEL, asked, typeof session === 'string' ? session : null)) as unknown)
      : [];
    const list = Array.isArray(answers) ? (answers as InvokeResult[]) : [];
    let k = 0;
    return sent.map((c) => (c === null ? notAnAction : (list[k++] ?? { ok: false, error: { code: 'INTERNAL', message: 'The app could not reach its backend. Restart Infusion Desk.' } })));
  },

  subscribe(topic: string, listener: (payload: unknown) => void): () => void {
    if (typeof topic !== 'string' || typeof listener !== 'function') {
      throw new TypeError('subscribe(topic, listener) needs a topic name and a function.');
    }
    const relay = (_event: IpcRendererEvent, eventTopic: unknown, payload: unknown) => {
      if (eventTopic === topic) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('desk', desk);
