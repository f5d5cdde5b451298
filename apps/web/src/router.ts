import { createRouter, createWebHistory } from 'vue-router';
import { homePath, session } from './lib/session';
import { whenUnauthorized } from './lib/api';
import { CALLBACK_PATH } from './lib/oidc';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: () => (session.token ? homePath() : '/login') },
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: '登录' } },
    { path: CALLBACK_PATH, component: () => import('./views/AuthCallbackView.vue'), meta: { public: true, title: '统一身份认证' } },
    { path: '/applications', component: () => import('./views/MyApplicationsView.vue'), meta: { title: '我的申请' } },
    { path: '/applications/new', component: () => import('./views/NewApplicationView.vue'), meta: { title: '新建申请' } },
    { path: '/applications/:id', component: () => import('./views/ApplicationView.vue'), props: true, meta: { title: '申请详情' } },
    // 公示 is for everyone: readable without signing in (objecting needs a sign-in).
    { path: '/notices', component: () => import('./views/NoticesView.vue'), meta: { public: true, title: '公示' } },
    { path: '/tasks', component: () => import('./views/WorkbenchView.vue'), meta: { title: '待办任务' } },
    { path: '/delegations', component: () => import('./views/DelegationsView.vue'), meta: { title: '委托授权' } },
    { path: '/tasks/:taskId', component: () => import('./views/TaskView.vue'), props: true, meta: { title: '办理任务' } },
    { path: '/audit', component: () => import('./views/AuditView.vue'), meta: { title: '审计', roles: ['auditor'] } },
    { path: '/assessment', component: () => import('./views/AssessmentView.vue'), meta: { title: '考核分析', roles: ['auditor', 'leadership', 'admin'] } },
    { path: '/indicators', component: () => import('./views/IndicatorsView.vue'), meta: { title: '指标填报', roles: ['reporter', 'reviewer'] } },
    { path: '/messages', component: () => import('./views/MessagesView.vue'), meta: { title: '消息中心' } },
    { path: '/admin', component: () => import('./views/AdminView.vue'), meta: { title: '系统管理', roles: ['admin'] } },
    { path: '/:rest(.*)*', component: () => import('./views/NotFoundView.vue'), meta: { public: true, title: '页面不存在' } },
  ],
});

router.beforeEach((to) => {
  if (!to.meta.public && !session.token) return { path: '/login', query: { next: to.fullPath } };
  // Screens for roles the person does not hold are not offered (the API would refuse them anyway).
  const roles = to.meta.roles as string[] | undefined;
  if (roles && !roles.some((r) => session.claims?.roles.includes(r))) return homePath();
  return true;
});

router.afterEach((to) => {
  document.title = `${(to.meta.title as string | undefined) ?? ''} · 秀洲区人才政策申办`;
});

// A token that expired (or was revoked) mid-work: back to the login page, saying why, then back to the same screen.
whenUnauthorized(() => {
  const here = router.currentRoute.value;
  if (here.meta.public) return;
  void router.push({ path: '/login', query: { expired: '1', next: here.fullPath } });
});
