import { useState } from 'react';
import {
  Button,
  Dropdown,
  DropdownItem,
  DropdownList,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  MenuToggle,
  Nav,
  NavExpandable,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import MoonIcon from '@patternfly/react-icons/dist/esm/icons/moon-icon';
import SunIcon from '@patternfly/react-icons/dist/esm/icons/sun-icon';
import UserIcon from '@patternfly/react-icons/dist/esm/icons/user-icon';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { applyTheme, savedTheme, type Theme } from '../lib/theme';
import { useAuth } from './auth';
import { LanguageSelect } from './LanguageSelect';
import { adminNav, links } from './routes';

/** The frame of every page after login: masthead (user, language, theme) and the navigation. */
export function Shell() {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [userMenuOpen, setUserMenuOpen] = useState(false);
  const [theme, setTheme] = useState<Theme>(savedTheme());

  const toggleTheme = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    applyTheme(next, true);
    setTheme(next);
  };

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton isHamburgerButton aria-label={t('shell.navigation')} />
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo component={(props: object) => <Link {...props} to={links.home()} />}>
            <span className="pf-v6-u-font-size-xl pf-v6-u-font-weight-bold">{t('product')}</span>
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup variant="action-group-plain" align={{ default: 'alignEnd' }} gap={{ default: 'gapNone', md: 'gapMd' }}>
              <ToolbarItem>
                <LanguageSelect />
              </ToolbarItem>
              <ToolbarItem>
                <Button
                  variant="plain"
                  aria-label={theme === 'dark' ? t('shell.lightTheme') : t('shell.darkTheme')}
                  icon={theme === 'dark' ? <SunIcon /> : <MoonIcon />}
                  onClick={toggleTheme}
                />
              </ToolbarItem>
              <ToolbarItem>
                <Dropdown
                  isOpen={userMenuOpen}
                  onOpenChange={setUserMenuOpen}
                  onSelect={() => setUserMenuOpen(false)}
                  popperProps={{ position: 'right' }}
                  toggle={(ref) => (
                    <MenuToggle
                      ref={ref}
                      variant="plainText"
                      icon={<UserIcon />}
                      aria-label={t('shell.userMenu', { name: user?.username ?? '' })}
                      isExpanded={userMenuOpen}
                      onClick={() => setUserMenuOpen(!userMenuOpen)}
                    >
                      {user?.username}
                    </MenuToggle>
                  )}
                >
                  <DropdownList>
                    <DropdownItem key="password" onClick={() => navigate(links.password())}>
                      {t('shell.changePassword')}
                    </DropdownItem>
                    <DropdownItem
                      key="logout"
                      onClick={async () => {
                        await logout();
                        navigate(links.login(), { replace: true });
                      }}
                    >
                      {t('shell.logout')}
                    </DropdownItem>
                  </DropdownList>
                </Dropdown>
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );

  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label={t('shell.navigation')}>
          <NavList>
            <NavItem
              itemId="home"
              to={links.home()}
              isActive={location.pathname === links.home()}
              onClick={(event) => {
                event.preventDefault();
                navigate(links.home());
              }}
            >
              {t('nav.home')}
            </NavItem>
            <NavItem
              itemId="projects"
              to={links.projects()}
              isActive={location.pathname.startsWith('/projects')}
              onClick={(event) => {
                event.preventDefault();
                navigate(links.projects());
              }}
            >
              {t('nav.projects')}
            </NavItem>
            {user?.sysadmin_flag && adminNav.length > 0 && (
              <NavExpandable
                title={t('nav.administration')}
                groupId="admin"
                isExpanded
                isActive={location.pathname.startsWith('/admin')}
              >
                {adminNav.map((entry) => (
                  <NavItem
                    key={entry.id}
                    itemId={entry.id}
                    to={entry.to}
                    isActive={[entry.to, ...(entry.also ?? [])].some((to) => location.pathname === to || location.pathname.startsWith(`${to}/`))}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(entry.to);
                    }}
                  >
                    {t(entry.label)}
                  </NavItem>
                ))}
              </NavExpandable>
            )}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );

  return (
    <Page masthead={masthead} sidebar={sidebar} isManagedSidebar mainAriaLabel={t('shell.main')}>
      <Outlet />
    </Page>
  );
}
