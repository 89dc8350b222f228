// Placeholder until its page lands (issue 10).
const GeneralSettingsPage = () => <p>General</p>;
export default GeneralSettingsPage;
