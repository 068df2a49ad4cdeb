{#- Match rate per identity source: how many of a source's records joined a customer with
    records from other sources, and by which tier. "How well does the CRM match the shop?" -#}

with

identities as (

    select * from {{ ref('customer_identities') }}
    where identity_kind = 'source_record'

),

customers as (

    select * from {{ ref('customers') }}

),

per_record as (

    select
        identities.source_name,
        identities.match_tier,
        customers.source_count > 1 as is_matched_across_sources
    from identities
    inner join customers
        on identities.customer_id = customers.customer_id

)

select
    per_record.source_name,
    count(*) as records,
    sum(case when per_record.is_matched_across_sources then 1 else 0 end) as matched_records,
    round(
        100.0 * sum(case when per_record.is_matched_across_sources then 1 else 0 end) / count(*), 1
    ) as match_rate_percent,
    sum(case when per_record.match_tier = 'deterministic' then 1 else 0 end) as deterministic,
    sum(case when per_record.match_tier like 'fuzzy%' then 1 else 0 end) as fuzzy,
    sum(case when per_record.match_tier = 'singleton' then 1 else 0 end) as singletons
from per_record
group by per_record.source_name
order by records desc
