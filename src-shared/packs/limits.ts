/**
 * What a course pack may weigh, in one place: the validator, the hub, sync and the README's table of
 * limits read these. Packs reach every device through the hub, so each limit keeps a careless or hostile
 * pack from freezing or bloating the app or the hub; each is far above what a real pack needs.
 */
const KiB = 1024;
const MiB = 1024 * KiB;

export const PACK_LIMITS = Object.freeze({
  /** `pack.yaml`: a 500-item manifest is about 100 KiB. */
  manifestBytes: MiB,
  /** The YAML between the `---` lines of one item; a 200-question quiz is about 150 KiB. */
  frontMatterBytes: 512 * KiB,
  /** `guidelines.yaml`. */
  guidelinesBytes: MiB,
  /** One Markdown item file (lesson, quiz, exercise or reflection), front matter included: about 300,000 words. */
  markdownBytes: 2 * MiB,
  /** Nesting of mappings and lists in any YAML of a pack; a manifest needs 8. */
  yamlDepth: 64,
  /** Anchors (`&name`) and aliases (`*name`) in one YAML text together. */
  yamlAnchorsAndAliases: 1000,
  /** How many values aliases may repeat in one YAML text, in all (a "billion laughs" repeats billions). */
  yamlAliasedValues: 10_000,
  /** Problems listed for one pack; the rest are counted ("and 39,900 more"). */
  problemsShown: 100,
  /** A pack zip a trainer uploads to the hub. */
  hubUploadBytes: 50 * MiB,
  /** A pack zip the app takes: chosen on the Packs screen, uploaded to the browser host, or downloaded from the hub. */
  zipBytes: 200 * MiB,
  /** Validation and unpacking of one pack, in a worker: it is stopped past these. */
  workerSeconds: 120,
  workerMemoryBytes: 1024 * MiB,
});
