import { act, screen } from '@testing-library/react';
import { notifications } from '@mantine/notifications';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { notify } from './notify';

afterEach(() => act(() => notifications.clean()));

describe('notices', () => {
  it('show the latest "saved" once instead of stacking one per save', async () => {
    renderWithProviders(<div />);
    act(() => {
      notify('保存しました');
      notify('保存しました');
      notify('手順を完了にしました');
    });
    expect(await screen.findByText('手順を完了にしました')).toBeInTheDocument();
    expect(screen.queryByText('保存しました')).not.toBeInTheDocument();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('keep a warning beside a success', async () => {
    renderWithProviders(<div />);
    act(() => {
      notify('保存しました');
      notify('ほかの人が先に変更しました', 'warning');
    });
    expect(await screen.findByText('保存しました')).toBeInTheDocument();
    expect(screen.getByText('ほかの人が先に変更しました')).toBeInTheDocument();
  });
});
