import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

/**
 * The interface's pages, under `/ui/`. Every page but the start page belongs to a wiki
 * (`/ui/{wiki}/…`); each loads its code when first opened.
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./home/HomeView.vue') },
  { path: '/:wiki/feed', name: 'feed', component: () => import('./feed/FeedView.vue') },
  { path: '/:wiki/login', name: 'login', component: () => import('./account/LoginView.vue') },
  {
    path: '/:wiki/create-account',
    name: 'create-account',
    component: () => import('./account/CreateAccountView.vue'),
  },
  // The title with spaces as underscores; any characters, slashes included.
  { path: '/:wiki/page/:title(.*)', name: 'page', component: () => import('./article/ArticleView.vue') },
  {
    path: '/:wiki/notifications',
    name: 'notifications',
    component: () => import('./notifications/NotificationsView.vue'),
  },
  { path: '/:wiki/tasks', name: 'tasks', component: () => import('./tasks/TasksView.vue') },
  {
    path: '/:wiki/tasks/image/:title(.*)',
    name: 'task-image',
    component: () => import('./tasks/ImageTaskView.vue'),
  },
  { path: '/:wiki/page-queue', name: 'page-queue', component: () => import('./pagequeue/PageQueueView.vue') },
  // Read-only lookups: a log (`?type=delete&page=T`, `?user=U`) and the pages linking to a page.
  { path: '/:wiki/log', name: 'log', component: () => import('./lookups/LogView.vue') },
  {
    path: '/:wiki/links-here/:title(.*)',
    name: 'links-here',
    component: () => import('./lookups/LinksHereView.vue'),
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./home/NotFoundView.vue') },
];

export function createAppRouter() {
  return createRouter({ history: createWebHistory('/ui/'), routes });
}
