/**
 * The preload bridge: exposes `window.desk` (DeskBridge) to the sandboxed renderer and
 * nothing else. Only plain data crosses: the page never sees ipcRenderer or an
 * IpcRendererEvent. Built as CommonJS (out/preload/index.cjs) so the page can stay sandboxed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type DeskBridge, type InvokeResult } from '../src-shared/api/transport';

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
