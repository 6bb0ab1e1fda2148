import { describe, expect, it } from 'vitest';
import { readAsanaFields } from '#core/asana-fields.js';
import { createAsanaRecord, createProjectConfig, FIELD_GIDS } from '../../helpers/factories.js';

const config = createProjectConfig();

describe('readAsanaFields', () => {
  it.each(['Yes', 'true', 'ON', 'Enabled'])('reads AutoTask option %s as on', (option) => {
    // Prepare
    const record = createAsanaRecord({ autoTask: option });

    // Act
    const fields = readAsanaFields(record, config);

    // Assess
    expect(fields.autoTask).toBe(true);
  });

  it.each(['No', 'Off', 'maybe', null])('reads AutoTask option %s as off', (option) => {
    const record = createAsanaRecord({ autoTask: option });

    expect(readAsanaFields(record, config).autoTask).toBe(false);
  });

  it('reads a missing AutoTask field as off', () => {
    const record = createAsanaRecord({ autoTask: undefined });

    expect(readAsanaFields(record, config).autoTask).toBe(false);
  });

  it('accepts a text AutoTask value with the same words', () => {
    const record = createAsanaRecord({
      autoTask: undefined,
      customFields: [{ gid: FIELD_GIDS.autoTask, textValue: ' yes ' }],
    });

    expect(readAsanaFields(record, config).autoTask).toBe(true);
  });

  it('ignores fields whose gid is not configured', () => {
    const record = createAsanaRecord({
      autoTask: undefined,
      customFields: [{ gid: 'other', enumValue: { gid: 'o', name: 'Yes' } }],
    });

    expect(readAsanaFields(record, config).autoTask).toBe(false);
  });

  it('reads the Repo option name, or null when unset', () => {
    expect(readAsanaFields(createAsanaRecord({ repo: 'acme/api' }), config).repoOption).toBe('acme/api');
    expect(readAsanaFields(createAsanaRecord({ repo: null }), config).repoOption).toBeNull();
    expect(readAsanaFields(createAsanaRecord({ repo: undefined }), config).repoOption).toBeNull();
  });

  it('maps the status option through the status map', () => {
    expect(readAsanaFields(createAsanaRecord({ status: 'Cancelled' }), config).workState).toBe('CANCELLED');
    expect(readAsanaFields(createAsanaRecord({ status: 'blocked' }), config).workState).toBe('BLOCKED');
  });

  it('treats a missing or unmapped status as ACTIVE', () => {
    expect(readAsanaFields(createAsanaRecord({ status: undefined }), config).workState).toBe('ACTIVE');
    expect(readAsanaFields(createAsanaRecord({ status: 'On hold' }), config).workState).toBe('ACTIVE');
  });
});
