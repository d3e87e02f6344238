import { describe, expect, it } from 'vitest';
import { datasetName, MAX_DATASET_NAME, suggestDatasetName } from './datasetName';

describe('datasetName', () => {
  it("keeps the analyst's name, trimmed, and falls back to the file's when it is blank", () => {
    expect(datasetName('  MovieLens 100K ', 'u.data')).toBe('MovieLens 100K');
    expect(datasetName('   ', 'u.data')).toBe('u.data');
    expect(datasetName(undefined, 'u.data')).toBe('u.data');
    expect(datasetName('x'.repeat(200), 'u.data')).toHaveLength(MAX_DATASET_NAME);
  });
});

describe('suggestDatasetName', () => {
  it('names a generic file after the folder it was picked in', () => {
    expect(suggestDatasetName('events.csv', 'shop-2024/exports/events.csv')).toEqual({
      name: 'exports',
      from: 'folder',
      folder: 'exports',
    });
    expect(suggestDatasetName('u.data', 'ml-100k/u.data')).toEqual({ name: 'ml-100k', from: 'folder', folder: 'ml-100k' });
  });

  it('without a folder, names u.data after MovieLens 100K, whose file name it is', () => {
    expect(suggestDatasetName('u.data')).toEqual({ name: 'ml-100k', from: 'layout', file: 'u.data' });
  });

  it('reads a gzip-compressed file’s name as its content’s (#22)', () => {
    expect(suggestDatasetName('u.data.gz')).toEqual({ name: 'ml-100k', from: 'layout', file: 'u.data.gz' });
    expect(suggestDatasetName('events.csv.gz', 'shop/events.csv.gz')).toEqual({ name: 'shop', from: 'folder', folder: 'shop' });
    expect(suggestDatasetName('ratings.parquet', 'ml-100k/ratings.parquet')).toEqual({
      name: 'ml-100k',
      from: 'folder',
      folder: 'ml-100k',
    });
  });

  it('keeps a telling file name whole, even inside a folder', () => {
    expect(suggestDatasetName('2019-Oct_head.csv', 'rees46/2019-Oct_head.csv')).toEqual({ name: '2019-Oct_head.csv', from: 'file' });
  });

  it('keeps a generic name whole when nothing better is known', () => {
    expect(suggestDatasetName('data.csv')).toEqual({ name: 'data.csv', from: 'file' });
  });
});
