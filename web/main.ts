import { mount } from 'svelte';
import App from './App.svelte';
// one stylesheet shared by every side panel (web/panels/panel.css)
import './panels/panel.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
mount(App, { target });
