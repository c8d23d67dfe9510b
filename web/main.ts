import { mount } from 'svelte';
import Root from './Root.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
mount(Root, { target });
