import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PhotoImage } from './photo-image';

const photo = {
  caption: 'Sunset over the bay',
  width: 2000,
  height: 1500,
  placeholder: { color: '#aa8844', dataUrl: 'data:image/webp;base64,AAAA' },
  images: [
    { width: 320, height: 240, url: 'https://x/320.webp' },
    { width: 640, height: 480, url: 'https://x/640.webp' },
    { width: 1280, height: 960, url: 'https://x/1280.webp' },
  ],
};

describe('PhotoImage', () => {
  it('lets the browser pick a size, reserves its space and shows the placeholder colour meanwhile', () => {
    render(<PhotoImage photo={photo} sizes="50vw" />);

    const image = screen.getByRole('img', { name: 'Sunset over the bay' }) as HTMLImageElement;
    expect(image.getAttribute('srcset')).toBe(
      'https://x/320.webp 320w, https://x/640.webp 640w, https://x/1280.webp 1280w',
    );
    expect(image.getAttribute('sizes')).toBe('50vw');
    expect(image.getAttribute('src')).toBe('https://x/640.webp');
    expect(image.getAttribute('width')).toBe('2000');
    expect(image.getAttribute('height')).toBe('1500');
    expect(image.getAttribute('loading')).toBe('lazy');
    expect(image.style.backgroundColor).toBeTruthy();
  });

  it('loads the first image on screen at once', () => {
    render(<PhotoImage photo={photo} priority />);

    expect(screen.getByRole('img').getAttribute('loading')).toBe('eager');
  });

  it('draws only the placeholder while there is no published size', () => {
    render(<PhotoImage photo={{ ...photo, images: [] }} alt="Processing photo" />);

    const box = screen.getByRole('img', { name: 'Processing photo' });
    expect(box.tagName).toBe('DIV');
  });
});
