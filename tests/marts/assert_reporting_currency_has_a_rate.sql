{#- customer_metrics converts money with the rate of var cdp_reporting_currency: the seed
    fx_rates must hold it, or every amount would be lost. Returns a row when it does not. -#}

select '{{ var("cdp_reporting_currency", "USD") | upper }}' as missing_currency
where
    not exists (
        select 1 from {{ ref('fx_rates') }} as fx_rates
        where fx_rates.currency = '{{ var("cdp_reporting_currency", "USD") | upper }}'
    )
