import { createHash } from 'node:crypto';
import path from 'node:path';
import { AtomicJsonFile } from '../../../core/state/atomic-json-file.js';
import type { EventSourceMappingDefinition } from '../../../stack/types.js';
import { type MappingSettings, settingsOf, storedFailureDestination } from './mapping-settings.js';

interface StoredMapping {
  /** Fingerprint of the template's definition the stored settings were made against. */
  template: string;
  settings: MappingSettings;
  /** Epoch seconds of the last change (first start, an update, or a new template definition). */
  lastModified: number;
}

export interface MappingRecord {
  settings: MappingSettings;
  lastModified: number;
}

/**
 * The settings of every mapping across restarts (`<dir>/mappings.json`). The template gives a
 * mapping's initial settings; an UpdateEventSourceMapping (disabling it, a new batch size, …) wins
 * over them for as long as the template's definition of that mapping stays the same. Once the
 * definition changes, the template is the newer word and the stored update is dropped — the same
 * outcome as a CloudFormation deployment of the changed mapping.
 */
export class MappingStore {
  private readonly stored: Record<string, StoredMapping>;
  private readonly file: AtomicJsonFile<Record<string, StoredMapping>>;

  constructor(dir: string) {
    this.file = new AtomicJsonFile(path.join(dir, 'mappings.json'), () => this.stored);
    this.stored = this.file.read() ?? {};
    for (const entry of Object.values(this.stored)) entry.settings = fromStore(entry.settings);
  }

  /**
   * The effective settings of each defined mapping, forgetting mappings the template no longer has.
   * Call `save()` to store the outcome.
   */
  resolve(definitions: readonly EventSourceMappingDefinition[], now: number): Map<string, MappingRecord> {
    const records = new Map<string, MappingRecord>();
    const defined = new Set<string>();
    for (const definition of definitions) {
      defined.add(definition.uuid);
      const template = fingerprint(definition);
      const previous = this.stored[definition.uuid];
      const current: StoredMapping =
        previous?.template === template
          ? previous
          : { template, settings: settingsOf(definition), lastModified: now };
      this.stored[definition.uuid] = current;
      records.set(definition.uuid, { settings: current.settings, lastModified: current.lastModified });
    }
    for (const uuid of Object.keys(this.stored)) if (!defined.has(uuid)) delete this.stored[uuid];
    return records;
  }

  update(uuid: string, settings: MappingSettings, lastModified: number): Promise<void> {
    const entry = this.stored[uuid];
    if (!entry) return Promise.reject(new Error(`unknown event source mapping ${uuid}`));
    entry.settings = settings;
    entry.lastModified = lastModified;
    return this.file.save();
  }

  save(): Promise<void> {
    return this.file.save();
  }
}

/**
 * Settings as an earlier run stored them. Before S3 destinations, a destination was a Lambda function
 * kept as `onFailure`: it is dropped (the mapping then has no OnFailure destination, as Lambda would
 * never have accepted that one for a stream), and so is a `failureDestination` that is not a bucket.
 */
function fromStore(stored: MappingSettings & { onFailure?: unknown }): MappingSettings {
  const { onFailure: _dropped, failureDestination, ...settings } = stored;
  const destination = storedFailureDestination(failureDestination);
  return destination ? { ...settings, failureDestination: destination } : settings;
}

function fingerprint(definition: EventSourceMappingDefinition): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex');
}
