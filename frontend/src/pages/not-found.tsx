import { Link } from 'react-router';
import { EmptyState } from '../components/feedback';

export function NotFoundPage() {
  return (
    <EmptyState title="This page does not exist.">
      <Link to="/">Back to your projects</Link>
    </EmptyState>
  );
}
