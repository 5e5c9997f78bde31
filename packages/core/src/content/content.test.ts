import { describe, expect, it } from 'vitest';
import { imageContent, markdownResult, structuredResult, toCallToolResult } from './content.js';

describe('content helpers', () => {
  it('renders markdown plus structured content', () => {
    const result = toCallToolResult(markdownResult({ total: 3 }, '**3** items'), { total: 3 });
    expect(result).toEqual({ content: [{ type: 'text', text: '**3** items' }], structuredContent: { total: 3 } });
  });

  it('uses compact JSON as text when no markdown is given', () => {
    expect(toCallToolResult(structuredResult({ a: 1 }), { a: 1 }).content).toEqual([{ type: 'text', text: '{"a":1}' }]);
  });

  it('encodes images as base64 with their MIME type, after the text', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const result = toCallToolResult({ structured: {}, text: 'chart', content: [imageContent(png, 'image/png')] }, {});
    expect(result.content[1]).toEqual({ type: 'image', data: png.toString('base64'), mimeType: 'image/png' });
  });
});
