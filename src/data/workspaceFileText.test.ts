// Text-model folders in a workspace file: the weights travel as bytes (base64) and come back byte for byte with the
// text files; an unreadable entry is left out alone; a file written before they travelled reads with none.
import { describe, expect, it } from 'vitest';
import { decodeWorkspaceFile, encodeWorkspaceFile } from './workspaceFile';
import { emptyWorkspace } from './workspaceRecord';

const folder = {
  id: 'k-1',
  files: { source: 'files:my-bert', config: '{"hidden_size":32}', 'model.safetensors': new Uint8Array([0, 255, 7]) },
};

describe('text models in a workspace file', () => {
  it('round-trips a kept folder byte for byte', () => {
    const text = encodeWorkspaceFile({ workspace: emptyWorkspace(), datasets: {}, checkpoints: [], textModels: [folder] });
    const back = decodeWorkspaceFile(text);
    expect(back.ok && back.data.textModels).toEqual([folder]);
    expect(back.ok && back.data.textModels![0].files['model.safetensors']).toBeInstanceOf(Uint8Array);
  });

  it('leaves out an unreadable entry alone, and reads an older file with none', () => {
    const text = encodeWorkspaceFile({ workspace: emptyWorkspace(), datasets: {}, checkpoints: [], textModels: [folder] });
    const raw = JSON.parse(text);
    raw.textModels.push({ id: 5, files: {} }, { id: 'k-2', files: { config: 3 } }, { id: 'k-3', files: ['x'] }, null);
    const back = decodeWorkspaceFile(JSON.stringify(raw));
    expect(back.ok && back.data.textModels?.map((t) => t.id)).toEqual(['k-1']);
    delete raw.textModels;
    const old = decodeWorkspaceFile(JSON.stringify(raw));
    expect(old.ok && old.data.textModels).toEqual([]);
  });
});
