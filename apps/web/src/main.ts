import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';
import { restoreSession } from './lib/session';
import './styles.css';

restoreSession();
createApp(App).use(router).mount('#app');
