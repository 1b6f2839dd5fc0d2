// Countersign's additions to the Camunda welcome page, which lists these links after a login.
export default {
  links: [
    {
      label: 'Countersign dashboard',
      href: '/dashboard/',
      description: 'Review queue, throughput, time to decision, incidents, LLM cost, automation and learning'
    }
  ]
};
