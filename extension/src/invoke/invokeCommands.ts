import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BackendConnection } from '../backend/backendConnection';
import { ProtocolMethods, type FunctionDescription, type InvokeParams, type InvokeResponse } from '../backend/protocol.generated';
import { describeRequestError } from '../backend/requestErrors';
import { listTemplateFunctions } from '../backend/templateFunctions';
import { discoverEventFiles, eventDirectories, rankEventFiles, readEvent } from './eventFiles';
import { presentResult } from './resultPresentation';
import { generateSampleEvent, listSampleEvents, rankSampleEvents, sampleEventLabel } from './sampleEvents';
import type { RecentEvent, RecentEvents } from './recentEvents';
import type { ResultView } from './resultView';

/** An event chosen in the quick pick: its JSON text and where it came from. */
interface ChosenEvent {
  label: string;
  payload: string;
  file?: string;
}

/** A picker entry: `choose` gives its event; `edit`, when there, opens it in an editor first (the item's pencil button). */
type EventItem = vscode.QuickPickItem & { choose?: () => Promise<ChosenEvent | undefined>; edit?: () => Promise<ChosenEvent | undefined> };

const editButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Edit before invoking' };

/** A function to invoke: one of the template's, or what the user typed. */
type FunctionItem = vscode.QuickPickItem & { functionName: string };

const newEventTemplate = '{\n  "key1": "value1"\n}\n';

/** "Lambda: Invoke Local Function" and "Lambda: Invoke Again With Last Event". */
export class InvokeCommands {
  constructor(
    private readonly backend: BackendConnection,
    private readonly recent: RecentEvents,
    private readonly results: ResultView,
    private readonly lifecycleOutput: vscode.OutputChannel,
    /** The template's functions as last listed (no request): only to rank event files by code folder. */
    private readonly knownFunction: (name: string) => FunctionDescription | undefined,
  ) {}

  /**
   * Picks a function (unless given, e.g. by a CodeLens), then an event, and invokes. The name goes to the backend as
   * it was given or typed (logical id, function name, ARN, `name:qualifier`): the engine resolves it, and its error is
   * the one shown when it does not.
   */
  async invokeLocalFunction(functionName?: string): Promise<void> {
    const chosen = functionName ?? (await this.pickFunction());
    if (!chosen) return;
    const event = await this.pickEvent(chosen);
    if (!event) return;
    await this.invoke(chosen, event);
  }

  async invokeAgain(): Promise<void> {
    const last = this.recent.last();
    if (!last) return this.invokeLocalFunction();
    await this.invoke(last.functionName, this.refreshed(last));
  }

  /** One of the template's functions, or a name the user types (offered once it matches no logical id). */
  private async pickFunction(): Promise<string | undefined> {
    const functions = await listTemplateFunctions(this.backend);
    if (!functions) return undefined;
    const base = this.backend.templatePath ? path.dirname(this.backend.templatePath) : undefined;
    const listed: FunctionItem[] = functions.map(f => ({
      label: f.logicalId,
      description: `${f.runtime} · ${f.memorySizeMb} MB`,
      detail: `${f.handler} in ${base ? path.relative(base, f.codeDirectory) || '.' : f.codeDirectory}${f.runnable ? '' : ' — this runtime does not run locally'}`,
      functionName: f.logicalId,
    }));
    const quickPick = vscode.window.createQuickPick<FunctionItem>();
    quickPick.title = 'Lambda: Invoke Local Function';
    quickPick.placeholder = `Function of ${this.backend.templatePath ? path.basename(this.backend.templatePath) : 'the template'} to invoke, or a function name, ARN or name:qualifier`;
    quickPick.matchOnDescription = true;
    quickPick.ignoreFocusOut = true;
    quickPick.items = listed;
    quickPick.onDidChangeValue(value => {
      const typed = value.trim();
      quickPick.items =
        typed && !functions.some(f => f.logicalId === typed)
          ? [...listed, { label: `$(edit) ${typed}`, description: 'invoke as typed', alwaysShow: true, functionName: typed }]
          : listed;
    });
    return new Promise(resolve => {
      quickPick.onDidAccept(() => {
        resolve(quickPick.selectedItems[0]?.functionName);
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        resolve(undefined);
        quickPick.dispose();
      });
      quickPick.show();
    });
  }

  private async pickEvent(functionName: string): Promise<ChosenEvent | undefined> {
    const request = <R>(method: string, params?: object) => this.backend.request<R>(method, params);
    const samples = listSampleEvents(request); // asked while the folders are read
    const folders = (vscode.workspace.workspaceFolders ?? []).map(f => f.uri.fsPath);
    const labelBase = folders[0] ?? (this.backend.templatePath ? path.dirname(this.backend.templatePath) : process.cwd());
    const directories = eventDirectories(folders, this.backend.templatePath);
    const files = rankEventFiles(discoverEventFiles(directories, labelBase), functionName, this.knownFunction(functionName)?.codeDirectory);
    const items: EventItem[] = [];
    const recent = this.recent.of(functionName);
    if (recent.length > 0) {
      items.push({ label: 'Recent events', kind: vscode.QuickPickItemKind.Separator });
      for (const event of recent)
        items.push({
          label: `$(history) ${path.basename(event.label)}`,
          description: path.dirname(event.label) === '.' ? 'recent' : `recent · ${path.dirname(event.label)}`,
          detail: oneLine(event.payload),
          choose: async () => this.refreshed(event),
        });
    }
    if (files.length > 0) {
      items.push({ label: 'Event files', kind: vscode.QuickPickItemKind.Separator });
      for (const file of files)
        items.push({
          label: `$(json) ${path.basename(file.file)}`,
          description: path.dirname(file.label),
          choose: async () => this.fromFile(file.file, file.label),
        });
    }
    items.push({ label: 'Other', kind: vscode.QuickPickItemKind.Separator });
    const active = vscode.window.activeTextEditor?.document;
    if (active && (active.languageId === 'json' || active.languageId === 'jsonc') && active.uri.scheme !== 'lambda-result')
      items.push({
        label: `$(file-code) Active editor: ${path.basename(active.fileName)}`,
        description: active.isUntitled ? 'unsaved' : vscode.workspace.asRelativePath(active.uri),
        choose: async () => this.fromDocument(active),
      });
    items.push({
      label: '$(new-file) New JSON event…',
      description: 'write the event in an editor, then invoke',
      choose: async () => this.editEvent(functionName, newEventTemplate),
    });
    items.push({ label: '$(symbol-namespace) Empty event', description: '{}', choose: async () => ({ label: '{}', payload: '{}' }) });
    const ranked = rankSampleEvents(await samples, functionName);
    if (ranked.length > 0) {
      items.push({ label: 'Sample events', kind: vscode.QuickPickItemKind.Separator });
      for (const sample of ranked) {
        const label = sampleEventLabel(sample);
        const generate = async () => {
          try {
            return await generateSampleEvent(request, sample.id);
          } catch (error) {
            void vscode.window.showErrorMessage(`Cannot generate the ${sample.title} event: ${describeRequestError(error).message}`);
            return undefined;
          }
        };
        items.push({
          label: `$(symbol-event) ${label}`,
          description: sample.description,
          buttons: [editButton],
          choose: async () => {
            const payload = await generate();
            return payload === undefined ? undefined : { label, payload };
          },
          edit: async () => {
            const payload = await generate();
            return payload === undefined ? undefined : this.editEvent(functionName, payload);
          },
        });
      }
    }
    const picked = await this.showEventPick(functionName, items);
    return picked?.();
  }

  /** The quick pick of events: what the chosen item (or its edit button) gives. */
  private showEventPick(functionName: string, items: EventItem[]): Promise<(() => Promise<ChosenEvent | undefined>) | undefined> {
    const quickPick = vscode.window.createQuickPick<EventItem>();
    quickPick.title = `Lambda: Invoke ${functionName}`;
    quickPick.placeholder = 'Event to send (the pencil on a sample event opens it in an editor first)';
    quickPick.matchOnDescription = true;
    quickPick.ignoreFocusOut = true;
    quickPick.items = items;
    return new Promise(resolve => {
      quickPick.onDidAccept(() => {
        resolve(quickPick.selectedItems[0]?.choose);
        quickPick.hide();
      });
      quickPick.onDidTriggerItemButton(e => {
        resolve(e.item.edit);
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        resolve(undefined);
        quickPick.dispose();
      });
      quickPick.show();
    });
  }

  private async invoke(functionName: string, event: ChosenEvent): Promise<void> {
    const settings = this.backend.settings();
    if (settings.revealLifecycleLog) this.lifecycleOutput.show(true);
    const remembered: RecentEvent = { functionName, label: event.label, payload: event.payload, file: event.file, at: Date.now() };
    await this.recent.remember(remembered);
    let result: InvokeResponse;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Invoking ${functionName}…`, cancellable: true },
        (_progress, token) => this.backend.request<InvokeResponse>(ProtocolMethods.invoke, { functionName, payload: event.payload } satisfies InvokeParams, token),
      );
    } catch (error) {
      const { message, cancelled } = describeRequestError(error);
      if (!cancelled) void vscode.window.showErrorMessage(`Cannot invoke ${functionName}: ${message}`);
      return;
    }
    const presentation = presentResult(result, settings.inlineResultMaxLength);
    if (presentation.openDocument) await this.results.show(result.functionName || functionName, presentation.document);
    if (presentation.openDocument && presentation.severity === 'info') {
      // The editor shows the result: the metrics go to the status bar rather than another notification.
      vscode.window.setStatusBarMessage(`$(check) ${presentation.message}`, 15_000);
      return;
    }
    const actions = presentation.openDocument ? ['Show Lifecycle Log'] : ['Open as JSON', 'Show Lifecycle Log'];
    const shown =
      presentation.severity === 'error'
        ? vscode.window.showErrorMessage(presentation.message, ...actions)
        : vscode.window.showInformationMessage(presentation.message, ...actions);
    void shown.then(choice => {
      if (choice === 'Show Lifecycle Log') this.lifecycleOutput.show(true);
      else if (choice === 'Open as JSON') void this.results.show(result.functionName || functionName, presentation.document);
    });
  }

  /** A recent event from a file is read again, so edits to the file count; if the file is gone, the copy is sent. */
  private refreshed(event: RecentEvent): ChosenEvent {
    if (event.file) {
      try {
        const read = readEvent(fs.readFileSync(event.file, 'utf8'));
        if (read.payload !== undefined) return { label: event.label, payload: read.payload, file: event.file };
      } catch {
        // fall back to the copy
      }
    }
    return { label: event.label, payload: event.payload, file: event.file };
  }

  private async fromFile(file: string, label: string): Promise<ChosenEvent | undefined> {
    let text: string;
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot read ${label}: ${(error as Error).message}`);
      return undefined;
    }
    return this.checked(readEvent(text), label, file);
  }

  private fromDocument(document: vscode.TextDocument): ChosenEvent | undefined {
    const label = document.isUntitled ? path.basename(document.fileName) : vscode.workspace.asRelativePath(document.uri);
    return this.checked(readEvent(document.getText()), label, document.isUntitled ? undefined : document.uri.fsPath);
  }

  private checked(read: { payload?: string; error?: string }, label: string, file?: string): ChosenEvent | undefined {
    if (read.payload === undefined) {
      void vscode.window.showErrorMessage(`The event ${label} is ${read.error}`);
      return undefined;
    }
    return { label, payload: read.payload, file };
  }

  /** Opens a new JSON document holding `content`; a button on the notification invokes with what it then holds. */
  private async editEvent(functionName: string, content: string): Promise<ChosenEvent | undefined> {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content });
    await vscode.window.showTextDocument(document);
    const invoke = `Invoke ${functionName}`;
    const choice = await vscode.window.showInformationMessage(
      `Edit the event for ${functionName} in the new editor, then choose "${invoke}". (Later: "Lambda: Invoke Local Function" offers the active editor.)`,
      invoke,
    );
    return choice === invoke ? this.fromDocument(document) : undefined;
  }
}

function oneLine(text: string): string {
  const compact = text.replace(/\s+/g, ' ');
  return compact.length > 100 ? compact.slice(0, 100) + '…' : compact;
}
