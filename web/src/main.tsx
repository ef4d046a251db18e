import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RootApp } from './app/App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <RootApp />
  </StrictMode>,
);
