// Placeholder until the settings module lands; replaced by the full schema with migrations.
export interface Settings {
  version: number;
}
