/**
 * A list fetched a page at a time behind a search form: searching goes back to the first page, the pager moves
 * between pages, and a failure is kept as words for the page. The Devices and Experts views share it.
 */
export class PagedSearch<T> {
  page = $state(0);
  list = $state<T | null>(null);
  error = $state('');

  constructor(private readonly fetchPage: (page: number) => Promise<T>) {}

  async load(): Promise<void> {
    this.error = '';
    try {
      this.list = await this.fetchPage(this.page);
    } catch (failure) {
      this.error = failure instanceof Error ? failure.message : String(failure);
    }
  }

  /** The form's submit: the first page of what now matches. */
  search = (event: SubmitEvent): void => {
    event.preventDefault();
    this.page = 0;
    void this.load();
  };

  goTo = (page: number): void => {
    this.page = page;
    void this.load();
  };
}
