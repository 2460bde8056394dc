import type { ApiError } from '../../../../src-shared/api/errors';
import type { AppInfo } from '../../../../src-shared/api/schemas';
import { api, type Api } from '../../lib/api';
import { toApiError } from '../../lib/preferences.svelte';

export class AppInfoState {
  value = $state<AppInfo | null>(null);
  error = $state<ApiError | null>(null);

  constructor(private readonly client: Api = api) {}

  async load(): Promise<void> {
    try {
      this.value = await this.client.getAppInfo({});
      this.error = null;
    } catch (error) {
      this.error = toApiError(error);
    }
  }
}
