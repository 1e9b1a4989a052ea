/**
 * state/journal: undo records for everything a transaction changes, so that a failing call
 * frame can be rolled back. A checkpoint is the journal's length; reverting pops and undoes the
 * records after it, newest first. Committing a checkpoint keeps its records, because an
 * enclosing frame may still revert. The journal is emptied when the transaction ends.
 */

export interface JournalEntry {
  undo(): void;
}

export class Journal {
  private entries: JournalEntry[] = [];

  get length(): number {
    return this.entries.length;
  }

  push(entry: JournalEntry): void {
    this.entries.push(entry);
  }

  checkpoint(): number {
    return this.entries.length;
  }

  revert(id: number): void {
    const e = this.entries;
    while (e.length > id) e.pop()!.undo();
  }

  reset(): void {
    this.entries = [];
  }
}
