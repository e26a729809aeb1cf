// Entry point of the Lifeline web interface.
import './styles.css';
import { startApp } from './app';

const container = document.getElementById('app');
if (container) startApp(container);
