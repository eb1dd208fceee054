// The search results page, mounted by App.tsx inside the app layout.
import { lazy } from 'react';
import { Route } from 'react-router';

const SearchPage = lazy(() => import('./SearchPage.js'));

export const searchRoutes = <Route path="search" element={<SearchPage />} />;
