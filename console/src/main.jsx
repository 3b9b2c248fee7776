import { render } from 'preact';
import { App } from './views/App.jsx';
import './style.css';

render(<App />, document.getElementById('app'));
