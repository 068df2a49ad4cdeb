{#- Consent coverage: per purpose and channel, how many customers are in each state, and
    the share that may be contacted. "How many people can we email?" -#}

select
    consent.purpose,
    consent.channel,
    consent.consent_state,
    count(*) as customers,
    round(
        100.0 * count(*) / sum(count(*)) over (partition by consent.purpose, consent.channel), 1
    ) as percent_of_customers,
    sum(case when consent.is_inherited then 1 else 0 end) as inherited
from {{ ref('bi_customer_consent') }} as consent
group by consent.purpose, consent.channel, consent.consent_state
order by consent.purpose asc, consent.channel asc, customers desc
