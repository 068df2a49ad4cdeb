{#- Duplicates found: records that turned out to be the same person within one source
    (e.g. two shop accounts, three CRM contacts), per source, with the largest cases. -#}

with

identities as (

    select * from {{ ref('customer_identities') }}
    where identity_kind = 'source_record'

),

per_customer_source as (

    select
        identities.customer_id,
        identities.source_name,
        count(*) as records
    from identities
    group by identities.customer_id, identities.source_name

)

select
    per_customer_source.source_name,
    count(*) as customers_with_duplicates,
    sum(per_customer_source.records - 1) as duplicate_records_merged,
    max(per_customer_source.records) as most_records_for_one_customer
from per_customer_source
where per_customer_source.records > 1
group by per_customer_source.source_name
order by duplicate_records_merged desc
