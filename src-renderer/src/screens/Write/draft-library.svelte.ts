import type { ApiError } from '../../../../src-shared/api/errors';
import type { Channel } from '../../../../src-shared/packs/items';
import type {
  DraftSort,
  DraftStatus,
  DraftSummary,
  DraftTemplate,
} from '../../../../src-shared/writing/drafts';
import { api, toApiError, type Api } from '../../lib/api';
import { Loadable } from '../../lib/loadable.svelte';
import { hashForScreen } from '../../lib/screens';
import { channelForTemplate, templateChannelNote } from './new-draft';
import { draftTrash, type DraftTrashState } from './trash-undo.svelte';

/** A search waits this long after the last keystroke, so typing a word asks once. */
const SEARCH_AFTER_MS = 150;

/** The Write screen's library: its search and filters, the drafts they find, and how a draft starts. */
export class DraftLibraryState {
  readonly drafts = new Loadable<DraftSummary[]>();
  query = $state('');
  status = $state<DraftStatus | ''>('');
  channel = $state<Channel | ''>('');
  tag = $state('');
  sort = $state<DraftSort | ''>('');
  showTrash = $state(false);
  tags = $state<{ tag: string; drafts: number }[]>([]);
  templates = $state<DraftTemplate[]>([]);
  /** The channel of a new draft, and the template (`packId/itemId`) to start it from, if any. */
  newChannel = $state<Channel>('blog');
  templateKey = $state('');
  /** Whether the person picked the channel themselves: a template then no longer suggests its own. */
  private channelChosen = false;
  readonly template = $derived(
    this.templates.find((found) => `${found.packId}/${found.itemId}` === this.templateKey),
  );
  /** Said when the template was written for another channel than the draft will be. */
  readonly templateNote = $derived(templateChannelNote(this.template, this.newChannel));
  /** Starting a draft failed: creating or duplicating one, or listing the templates to start from. */
  startError = $state<ApiError | null>(null);
  /** A library tool failed: listing the tags to filter by, or emptying the trash. */
  toolsError = $state<ApiError | null>(null);
  /** "Empty the trash" is asking to confirm: how many drafts would go for ever. */
  confirmingEmpty = $state<{ drafts: number } | null>(null);
  /** What the last trash action did, said politely to screen readers too. */
  trashNote = $state('');
  filtered = $derived(this.status !== '' || this.channel !== '' || this.tag !== '');
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: Api = api,
    private readonly openDraft: (draftId: string) => void = (draftId) => {
      window.location.hash = hashForScreen('write', draftId);
    },
    private readonly trash: DraftTrashState = draftTrash,
  ) {}

  /** The drafts, and the tags and templates to choose from. */
  open(): void {
    void this.reload();
    this.client.listDraftTags({}).then(
      (found) => (this.tags = found),
      (error: unknown) => (this.toolsError = toApiError(error)),
    );
    this.client.listDraftTemplates({}).then(
      (found) => (this.templates = found),
      (error: unknown) => (this.startError = toApiError(error)),
    );
  }

  reload(): Promise<void> {
    const { query, status, channel, tag, sort } = this;
    return this.drafts.load(() =>
      this.client.listDrafts({
        trash: this.showTrash,
        ...(query.trim() ? { query } : {}),
        ...(status ? { status } : {}),
        ...(channel ? { channel } : {}),
        ...(tag ? { tag } : {}),
        ...(sort ? { sort } : {}),
      }),
    );
  }

  search(typed: string): void {
    this.query = typed;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), SEARCH_AFTER_MS);
  }

  chooseChannel(channel: Channel): void {
    this.newChannel = channel;
    this.channelChosen = true;
  }

  chooseTemplate(key: string): void {
    this.templateKey = key;
    this.newChannel = channelForTemplate(this.template, this.newChannel, this.channelChosen);
  }

  /** The draft is for the channel shown under "For", whatever the template was written for. */
  async create(): Promise<void> {
    try {
      const template = this.template;
      const draft = await this.client.createDraft({
        channel: this.newChannel,
        ...(template ? { fromTemplate: { packId: template.packId, itemId: template.itemId } } : {}),
      });
      this.openDraft(draft.id);
    } catch (error) {
      this.startError = toApiError(error);
    }
  }

  async duplicate(draftId: string): Promise<void> {
    try {
      const copy = await this.client.duplicateDraft({ draftId });
      this.openDraft(copy.id);
    } catch (error) {
      this.startError = toApiError(error);
    }
  }

  /** Asks before emptying: the count comes from the trash itself, not from the filtered list. */
  async askToEmptyTrash(): Promise<void> {
    try {
      this.confirmingEmpty = await this.client.countDraftTrash({});
      this.toolsError = null;
    } catch (error) {
      this.toolsError = toApiError(error);
    }
  }

  cancelEmptyTrash(): void {
    this.confirmingEmpty = null;
  }

  async emptyTrash(): Promise<void> {
    this.confirmingEmpty = null;
    try {
      const { deleted } = await this.client.emptyDraftTrash({});
      this.toolsError = null;
      // The draft just trashed went too: there is nothing left to undo.
      this.trash.dismiss();
      this.trashNote = `${deleted} ${deleted === 1 ? 'draft' : 'drafts'} deleted for ever.`;
    } catch (error) {
      this.toolsError = toApiError(error);
      return;
    }
    await this.reload();
  }

  /** Takes a draft out of the trash from the library's trash view. */
  async restore(draft: { id: string; title: string }): Promise<void> {
    if (!(await this.trash.restore(draft.id))) return;
    this.trashNote = `“${draft.title || 'Untitled draft'}” is back in your drafts.`;
    await this.reload();
  }
}
