import { mount } from 'svelte';
import Root from './Root.svelte';
// one stylesheet shared by every side panel (web/panels/panel.css)
import './panels/panel.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
mount(Root, { target });
