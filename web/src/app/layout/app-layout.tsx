import { AppShell, Avatar, Burger, Group, Menu, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import {
  IconAlertCircle,
  IconBell,
  IconBook2,
  IconChecklist,
  IconClipboardList,
  IconGavel,
  IconHome,
  IconKey,
  IconLayoutKanban,
  IconLogout,
  IconTargetArrow,
  IconUsers,
} from '@tabler/icons-react';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '@/components/ui/language-switch';
import { PageSkeleton } from '@/components/ui/page-state';
import { drillsQueryOptions } from '@/features/drills/runs/api/get-drills';
import { SetupWarning } from '@/features/setup/components/setup-checklist';
import { canSeeBoard, isAdmin, isExecutive, useLogout, useMe } from '@/lib/auth';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** other path prefixes that mark this item active */
  also?: string[];
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const user = me.data;
  const myDrills = useQuery({ ...drillsQueryOptions(), enabled: !!user && !canSeeBoard(user), refetchInterval: false });

  const items: NavItem[] = [];
  if (isExecutive(user)) items.push({ to: '/desk', label: t('nav.desk'), icon: <IconHome size={18} aria-hidden /> });
  items.push(
    { to: '/report', label: t('nav.report'), icon: <IconAlertCircle size={18} aria-hidden /> },
    { to: '/my-reports', label: t('nav.myReports'), icon: <IconClipboardList size={18} aria-hidden /> },
  );
  if (canSeeBoard(user)) items.push({ to: '/board', label: t('nav.board'), icon: <IconLayoutKanban size={18} aria-hidden /> });
  if (canSeeBoard(user)) items.push({ to: '/decisions', label: t('nav.decisionLog'), icon: <IconGavel size={18} aria-hidden /> });
  items.push({ to: '/playbooks', label: t('nav.playbooks'), icon: <IconBook2 size={18} aria-hidden /> });
  // Drills: staff always; anyone else once they take part in one (the list answers only their own runs).
  if (canSeeBoard(user) || (myDrills.data?.items.length ?? 0) > 0)
    items.push({ to: '/drills', label: t('nav.drills'), icon: <IconTargetArrow size={18} aria-hidden /> });
  if (isAdmin(user)) items.push({ to: '/admin/users', label: t('nav.adminUsers'), icon: <IconUsers size={18} aria-hidden /> });
  if (isAdmin(user))
    items.push({
      to: '/admin/contact-chains',
      label: t('nav.escalationSettings'),
      icon: <IconBell size={18} aria-hidden />,
      also: ['/admin/sla', '/admin/deliveries', '/admin/settings-history'],
    });
  const isActive = (i: NavItem) => [i.to, ...(i.also ?? [])].some((p) => location.pathname.startsWith(p));

  const onLogout = () =>
    logout.mutate(undefined, {
      onSettled: () => void navigate('/login', { replace: true }),
    });

  const initials = (user?.displayName ?? '?').slice(0, 1).toUpperCase();

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened, desktop: true } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text component={Link} to="/" fw={800} size="lg" c="indigo.7" style={{ textDecoration: 'none', whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Text>
            <Group gap={4} visibleFrom="sm" component="nav" aria-label={t('nav.label')} ml="md" wrap="nowrap">
              {items.map((i) => (
                <NavLink
                  key={i.to}
                  component={RouterNavLink}
                  to={i.to}
                  label={i.label}
                  leftSection={i.icon}
                  active={isActive(i)}
                  style={{ borderRadius: 'var(--mantine-radius-md)', width: 'auto' }}
                  styles={{ label: { whiteSpace: 'nowrap' } }}
                  px="xs"
                  py={6}
                />
              ))}
            </Group>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <Menu position="bottom-end" withArrow shadow="md">
              <Menu.Target>
                <UnstyledButton aria-label={t('user.menu', { name: user?.displayName ?? '' })}>
                  <Group gap={6} wrap="nowrap">
                    <Avatar size={30} radius="xl" color="indigo">
                      {initials}
                    </Avatar>
                    <Text size="sm" visibleFrom="xl" maw={140} truncate>
                      {user?.displayName}
                    </Text>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {user?.displayName}
                  <br />
                  {user?.email}
                </Menu.Label>
                <Menu.Label>{user?.roles.map((r) => t(`role.${r}`)).join(' / ')}</Menu.Label>
                <Menu.Divider />
                {isAdmin(user) && (
                  <Menu.Item component={Link} to="/admin/setup" leftSection={<IconChecklist size={16} aria-hidden />}>
                    {t('setup.nav')}
                  </Menu.Item>
                )}
                <Menu.Item component={Link} to="/account" leftSection={<IconKey size={16} aria-hidden />}>
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={onLogout}>
                  {t('user.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {items.map((i) => (
          <NavLink
            key={i.to}
            component={RouterNavLink}
            to={i.to}
            label={i.label}
            leftSection={i.icon}
            active={isActive(i)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {isAdmin(user) && location.pathname.startsWith('/admin/') && location.pathname !== '/admin/setup' && <SetupWarning />}
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
