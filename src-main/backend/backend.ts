/**
 * The backend: the store, the clock, every domain's handlers and the dispatcher. It runs
 * the same under Electron (in a worker thread), under `npm run web`, and in tests; it
 * imports nothing from Electron.
 */
import { join } from 'node:path';
import { METHOD_NAMES, type EventTopic } from '../../src-shared/api/contract';
import type { BackendEvent, InvokeResult } from '../../src-shared/api/transport';
import { mergeHandlers, type HandlerContext, type HandlerTable } from './api/context';
import { makeDispatcher } from './api/dispatch';
import { clinicHandlers, ensureClinicSettings } from './clinic/service';
import { documentHandlers } from './documents/service';
import type { WriteContext } from './db/mutate';
import { openStore, type Store } from './db/open';
import { refreshNameKeys } from './patients/name-keys';
import { intakeResources } from './intake/resources';
import { intakeHandlers } from './intake/service';
import { outcomesConfigFile } from './outcomes/config-file';
import { outcomeHandlers } from './outcomes/handlers';
import { scoreHandlers } from './outcomes/service';
import { patientHandlers } from './patients/service';
import { recordHandlers } from './records/service';
import { RecordsRuntime, type RecordsOptions } from './records/runtime';
import { typeRules } from './records/type-rules-file';
import { reminderDefaults } from './reminders/defaults';
import { reminderHandlers } from './reminders/service';
import { followChanges } from './reminders/sync';
import { schedulingHandlers } from './scheduling/service';
import { authorizationHandlers } from './authorizations/service';
import { authorizationLifecycleHandlers } from './authorizations/lifecycle-handlers';
import { authorizationLetterHandlers } from './authorizations/letters/handlers';
import { letterTemplateHandlers } from './authorizations/letters/clinic-templates';
import { letterTemplates } from './authorizations/letters/templates-file';
import { authorizationPasHandlers } from './authorizations/pas/handlers';
import { authorizationPackageHandlers } from './authorizations/package/handlers';
import { authorizationRequestHandlers } from './authorizations/request-handlers';
import { authorizationReadinessHandlers } from './authorizations/readiness-handlers';
import { payerRuleTemplates } from './authorizations/payer-rules-file';
import { payerRuleHandlers } from './authorizations/payer-rules-handlers';
import { seriesHandlers } from './series/service';
import { seriesMoveHandlers } from './series/reschedule';
import { loadDeviceClock } from './sync/device-clock';
import { SyncClient, type SyncClientOptions } from './sync/client';
import { syncHandlers } from './sync/service';
import { checkAfterMerge, recheckOpen } from './sync/conflicts';
import { setupHandlers } from './setup/service';
import { systemHandlers } from './system/service';
import { auditHandlers } from './audit/service';
import { auditAfterCall, checkAuditTrail, recordAuthEvent } from './audit/trail';
import { openDataFiles, type DataFiles } from './security/data-files';
import { boardHandlers } from './board/service';
import { authHandlers, ensureLocalAdmin, setAuthEventSink } from './users/service';
import { SessionStore } from './users/sessions';
import { userById } from './users/accounts';

export const DB_FILE_NAME = 'clinic.sqlite';

export interface BackendOptions {
  /** Folder holding the clinic's database file (`clinic.sqlite`). */
  dataDir: string;
  /** The `drizzle/` folder of SQL migrations. */
  migrationsFolder: string;
  /** better-sqlite3 binding built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  /**
   * The store key: 32 random bytes per device (Electron: the OS keychain, src-main/keychain-key.ts;
   * web, scripts and tests: security/store-key.ts). The store and its data files are encrypted
   * with it; an unencrypted store from before is encrypted on this open. null: unencrypted,
   * for the benchmarks' plain baseline only.
   */
  storeKey: Buffer | null;
  transport: 'ipc' | 'http';
  /** Wall clock (epoch ms); tests inject one. */
  now?: () => number;
  /** Prior records pipeline: extraction limits, workers, rescan interval (tests shorten them). */
  records?: RecordsOptions;
  /** Sync client settings (tests shorten waits or drive rounds by hand). */
  sync?: SyncClientOptions;
  /**
   * Scripts and tests that own this backend in their process (seed, bench, vitest): calls
   * without a session act as the clinic's first administrator. Never set for a window's
   * transport (the Electron worker, `npm run web`): there every call needs a sign-in.
   */
  inProcessAdmin?: boolean;
}

export interface Backend {
  /** One API call; `session` is the token a window got from signing in. */
  invoke(method: unknown, input: unknown, session?: string | null): Promise<InvokeResult>;
  subscribe(listener: (event: BackendEvent) => void): () => void;
  readonly methods: readonly string[];
  readonly store: Store;
  /** The records copies and documents in the data folder (sealed when the store is encrypted). */
  readonly files: DataFiles;
  readonly sync: SyncClient;
  /** The backend's own write context (its store and device clock), for scripts and tests. */
  readonly system: WriteContext;
  close(): void;
}

/** Every method's handler; `sync` is the device's sync client (absent in handler-only tests). */
export function buildHandlerTable(sync: SyncClient | null = null): HandlerTable {
  const table = mergeHandlers(
    syncHandlers(sync),
    systemHandlers,
    authHandlers,
    boardHandlers,
    clinicHandlers,
    payerRuleHandlers,
    letterTemplateHandlers,
    patientHandlers,
    intakeHandlers,
    scoreHandlers,
    schedulingHandlers,
    documentHandlers,
    seriesHandlers,
    seriesMoveHandlers,
    authorizationHandlers,
    authorizationLifecycleHandlers,
    authorizationLetterHandlers,
    authorizationPasHandlers,
    authorizationRequestHandlers,
    authorizationPackageHandlers,
    authorizationReadinessHandlers,
    reminderHandlers,
    outcomeHandlers,
    recordHandlers,
    auditHandlers,
    setupHandlers,
  );
  const missing = METHOD_NAMES.filter((m) => !(m in table));
  if (missing.length) throw new Error(`API methods without a handler: ${missing.join(', ')}`);
  return table as HandlerTable;
}

export function openBackend(opts: BackendOptions): Backend {
  const now = opts.now ?? Date.now;
  // Reference data is checked before anything opens: a broken file stops start-up with a
  // message naming it, instead of failing later on a patient's chart.
  intakeResources();
  reminderDefaults();
  typeRules();
  outcomesConfigFile();
  payerRuleTemplates();
  letterTemplates();
  const store = openStore({
    file: join(opts.dataDir, DB_FILE_NAME),
    migrationsFolder: opts.migrationsFolder,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    key: opts.storeKey,
  });
  let files: DataFiles;
  try {
    files = openDataFiles(store.sqlite, opts.dataDir, store.encrypted);
  } catch (err) {
    store.close();
    throw err;
  }
  const clock = loadDeviceClock(store.sqlite, now);
  // Every computer's audit chain is walked at start; a break is kept for audit.status and logged.
  checkAuditTrail({ sqlite: store.sqlite, clock, now });
  setAuthEventSink(recordAuthEvent);
  const system: WriteContext = { db: store.db, sqlite: store.sqlite, clock, userId: null, now };
  ensureClinicSettings(system);
  const firstAdmin = ensureLocalAdmin(system);
  refreshNameKeys(store.sqlite);
  const sessions = new SessionStore();

  const listeners = new Set<(event: BackendEvent) => void>();
  const notify = (topic: EventTopic, payload: unknown) => {
    for (const l of listeners) {
      try {
        l({ topic, payload });
      } catch {
        /* a failing subscriber must not fail the write that already committed */
      }
    }
  };
  // Reminders follow the schedule: after a booking, move or cancellation (or a patient's new
  // phone number) has committed, the outbox is brought in line (reminders/sync.ts).
  const remindersFollow = followChanges(system, notify);
  let sync: SyncClient | null = null;
  /** What follows a committed write, made by `userId` (null: the system, or a merge). */
  const emitFrom = (userId: string | null) => (topic: EventTopic, payload: unknown) => {
    notify(topic, payload);
    remindersFollow(topic);
    if (topic === 'sync.changed') return;
    // A conflict found after a merge closes itself once the schedule or the records no
    // longer show it (a session cancelled here, a duplicate removed), credited to the person
    // whose change closed it.
    if ((topic === 'schedule.changed' || topic === 'patients.changed') && recheckOpen({ ...system, userId })) notify('sync.changed', sync?.status());
    // Something changed here: the sync loop sends it now instead of after its long wait.
    sync?.nudge();
  };
  const emit = emitFrom(null);
  sync = new SyncClient(system, emit, {
    ...opts.sync,
    // After other devices' changes are applied: the same checks the save uses, on what changed.
    onApplied: (result) => {
      checkAfterMerge(system, result.rows);
      opts.sync?.onApplied?.(result);
    },
  });
  const handlers = buildHandlerTable(sync);
  const makeContext = (caller: Pick<HandlerContext, 'user' | 'userId' | 'session'>): HandlerContext => ({
    ...system,
    ...caller,
    sessions,
    emit: emitFrom(caller.userId),
    transport: opts.transport,
    dataDir: opts.dataDir,
  });
  const invoke = makeDispatcher(handlers, makeContext, {
    sqlite: store.sqlite,
    sessions,
    afterCall: auditAfterCall,
    inProcessUser: opts.inProcessAdmin
      ? () => {
          const u = userById(store.sqlite, firstAdmin.id);
          return u ? { id: u.id, displayName: u.displayName, role: u.role } : firstAdmin;
        }
      : undefined,
  });
  // Watched folders and record extraction run in this process (the backend's thread), and
  // only start when a folder is configured or files were left queued.
  const records = new RecordsRuntime(system, opts.dataDir, emit, opts.records);
  records.startIfConfigured();

  return {
    invoke,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    methods: Object.keys(handlers),
    store,
    files,
    sync,
    system,
    close: () => {
      void sync.stop();
      void records.close();
      store.close();
    },
  };
}

/** `drizzle/` beside the project root, for Node runs (tests, web, scripts). */
export function defaultMigrationsFolder(projectRoot: string): string {
  return join(projectRoot, 'drizzle');
}
