import { render } from 'preact';
import '../../src/ui/page.css';
import './welcome.css';
import { WelcomeApp } from './WelcomeApp';

render(<WelcomeApp />, document.getElementById('app')!);
